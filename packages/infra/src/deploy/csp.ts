/**
 * Checks that a Content-Security-Policy (customHttp.yml's) lets the web app reach what its
 * config.json names — Cognito, the API, the tile server — so a region or tile-server change fails
 * the build instead of breaking the site in browsers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadYaml } from './aws';
import type { WebConfig } from './web-config';

export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Whether a source list allows a URL (relative URLs are same-origin). Host wildcards only as `*.`. */
export function sourcesAllow(sources: readonly string[], target: string): boolean {
  if (target.startsWith('/') && !target.startsWith('//')) return sources.includes("'self'");
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return sources.some((source) => {
    if (source === '*') return url.protocol === 'https:' || url.protocol === 'http:';
    if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return url.protocol === source.toLowerCase();
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/i.exec(source);
    if (!match || source.startsWith("'")) return false;
    const [, scheme, wildcard, host] = match;
    if (scheme && `${scheme.toLowerCase()}:` !== url.protocol) return false;
    if (!scheme && url.protocol !== 'https:') return false;
    if (!host) return false;
    const h = host.toLowerCase();
    return wildcard ? url.hostname.endsWith(`.${h}`) : url.hostname === h;
  });
}

const directive = (csp: Map<string, string[]>, name: string) => csp.get(name) ?? csp.get('default-src') ?? [];

/** The problems, one line each; empty when the policy allows everything the config uses. */
export function cspProblems(policy: string, config: WebConfig): string[] {
  const csp = parseCsp(policy);
  const problems: string[] = [];
  const cognito = `https://cognito-idp.${config.cognito.region}.amazonaws.com/`;
  if (!sourcesAllow(directive(csp, 'connect-src'), cognito)) problems.push(`connect-src does not allow Cognito at ${cognito}`);
  if (!sourcesAllow(directive(csp, 'connect-src'), config.api.invokeUrl))
    problems.push(`connect-src does not allow the API at ${config.api.invokeUrl}`);
  if (config.websocket && !sourcesAllow(directive(csp, 'connect-src'), config.websocket.url))
    problems.push(`connect-src does not allow the live API at ${config.websocket.url}`);
  const tile = config.map.tileUrl.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/g, '0');
  if (!sourcesAllow(directive(csp, 'img-src'), tile)) problems.push(`img-src does not allow map tiles from ${config.map.tileUrl}`);
  const scripts = directive(csp, 'script-src');
  if (scripts.some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'")) problems.push('script-src allows inline scripts or eval');
  return problems;
}

/** The Content-Security-Policy that customHttp.yml (parsed) sends with every page. */
export function cspFromCustomHttp(parsed: unknown): string | undefined {
  const rules = (parsed as { customHeaders?: { pattern?: string; headers?: { key?: string; value?: string }[] }[] })?.customHeaders ?? [];
  for (const rule of rules) {
    if (rule.pattern !== '**') continue;
    const header = rule.headers?.find((h) => h.key?.toLowerCase() === 'content-security-policy');
    if (header?.value) return header.value;
  }
  return undefined;
}

/** The Content-Security-Policy customHttp.yml (at the repository root) sends with every page. */
export function customHttpCsp(rootDir: string): string {
  const policy = cspFromCustomHttp(loadYaml(rootDir, readFileSync(join(rootDir, 'customHttp.yml'), 'utf8')));
  if (!policy) throw new Error("customHttp.yml sends no Content-Security-Policy with every page ('**')");
  return policy;
}

/** A source naming a host (with or without a scheme), as opposed to a keyword, a scheme alone or a nonce. */
const isHostSource = (source: string) => !source.startsWith("'") && !/^[a-z][a-z0-9+.-]*:$/i.test(source);

/** Every directive as it is, but the hosts of connect-src and img-src replaced by `hosts`, and `drop`ped directives left out. */
function withHosts(policy: string, hosts: { connect: readonly string[]; img: readonly string[] }, drop: ReadonlySet<string>): string {
  const replaced: Record<string, readonly string[]> = { 'connect-src': hosts.connect, 'img-src': hosts.img };
  return [...parseCsp(policy)]
    .filter(([name]) => !drop.has(name))
    .map(([name, sources]) => {
      const kept = name in replaced ? [...sources.filter((s) => !isHostSource(s)), ...(replaced[name] ?? [])] : sources;
      return [name, ...kept].join(' ');
    })
    .join('; ');
}

/**
 * Production's policy for the build served by the local stack: every directive as it is, but the
 * hosts in connect-src and img-src (AWS's, the tile server's) replaced by the local ones, and no
 * upgrade-insecure-requests, which would send the page's http calls to the local stack as https.
 */
export function cspForLocalStack(policy: string, local: { connect: readonly string[]; img?: readonly string[] }): string {
  return withHosts(policy, { connect: local.connect, img: local.img ?? [] }, new Set(['upgrade-insecure-requests']));
}

/** Directives a <meta> policy cannot carry: browsers ignore them there, and say so in the console. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

const origin = (url: string) => new URL(url).origin;

/**
 * customHttp.yml's policy narrowed to one deployment, for a <meta> in its index.html: connect-src
 * names exactly the config's Cognito, API and live API, img-src exactly its tile server. customHttp.yml
 * is one file for every stage, so its header can only name AWS's hosts by wildcard; a browser enforces
 * both policies, so the page may reach these hosts and no other.
 */
export function cspForDeployment(policy: string, config: WebConfig): string {
  const connect = [`https://cognito-idp.${config.cognito.region}.amazonaws.com`, origin(config.api.invokeUrl)];
  if (config.websocket) connect.push(`${new URL(config.websocket.url).protocol}//${new URL(config.websocket.url).host}`);
  const img = /^https:\/\//.test(config.map.tileUrl) ? [origin(config.map.tileUrl.replace(/\{[a-z]+\}/g, '0'))] : [];
  return withHosts(policy, { connect, img }, HEADER_ONLY);
}

const META = /<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i;
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** `html` with `policy` as the first element of its <head> (before any script), replacing an earlier one. */
export function withCspMeta(html: string, policy: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('index.html has no <head>');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
  const cleaned = html.replace(META, '');
  const at = (/<head[^>]*>/i.exec(cleaned)?.index ?? 0) + head[0].length;
  return `${cleaned.slice(0, at)}\n    ${meta}${cleaned.slice(at)}`;
}
