export { packageService, resourcesOfType, type Template, type Packaged } from './package-service';
