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

/**
 * Production's policy for the build served by the local stack: every directive as it is, but the
 * hosts in connect-src and img-src (AWS's, the tile server's) replaced by the local ones, and no
 * upgrade-insecure-requests, which would send the page's http calls to the local stack as https.
 */
export function cspForLocalStack(policy: string, local: { connect: readonly string[]; img?: readonly string[] }): string {
  const replaced: Record<string, readonly string[]> = { 'connect-src': local.connect, 'img-src': local.img ?? [] };
  return [...parseCsp(policy)]
    .filter(([name]) => name !== 'upgrade-insecure-requests')
    .map(([name, sources]) => {
      const kept = name in replaced ? [...sources.filter((s) => !isHostSource(s)), ...(replaced[name] ?? [])] : sources;
      return [name, ...kept].join(' ');
    })
    .join('; ');
}
