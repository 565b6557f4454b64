// 405 for a known API path asked with a method it does not take (TRACE /v1/teams, POST
// /v1/me, ...), with an Allow header naming those it does take; the router alone answers 404, as if
// the path did not exist. Decided before the body is read, so a body it would refuse anyway (a
// QUERY without a content type) does not decide the answer.
import { SmartchatError } from '@smartchat/contracts';
import type { FastifyInstance } from 'fastify';

interface KnownPath {
  url: string;
  /** The route's path split at "/", with null where a parameter stands. */
  segments: (string | null)[];
  methods: Set<string>;
}

export function installMethodNotAllowed(app: FastifyInstance): void {
  const known = new Map<string, KnownPath>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const entry = known.get(route.url) ?? { url: route.url, segments: route.url.split('/').map((segment) => (segment.startsWith(':') ? null : segment)), methods: new Set<string>() };
    for (const method of typeof route.method === 'string' ? [route.method] : route.method) entry.methods.add(method);
    known.set(route.url, entry);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/v1/')) return;
    // The path meant is the known path it matches most closely: a parameter route may have taken a
    // fixed path's name for its parameter (PATCH /v1/conversations/counts is not a conversation).
    const meant = closestPath([...known.values()], pathSegments(request.url));
    if (!meant) return;
    if (meant.url === request.routeOptions.url || meant.methods.has(request.method)) return;
    const allowed = [...meant.methods].sort();
    const error = new SmartchatError('SC_ERR_METHOD_NOT_ALLOWED', `${request.method} is not allowed here; allowed: ${allowed.join(', ')}`, { allowed });
    return reply.code(405).header('allow', allowed.join(', ')).send({ error: error.toBody() });
  });
}

/** The path of a URL as the router reads it: split at "/", each piece %-decoded (null when it cannot be). */
function pathSegments(url: string): (string | null)[] {
  const path = url.split('?')[0]!;
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return null;
    }
  });
}

/**
 * The known path this one matches, preferring fixed segments to parameters from the left, as the
 * router does (/v1/conversations/counts over /v1/conversations/:id); none when it matches none.
 */
function closestPath(paths: KnownPath[], segments: (string | null)[]): KnownPath | undefined {
  if (segments.some((segment) => segment === null)) return undefined;
  const matches = paths.filter((path) => path.segments.length === segments.length && path.segments.every((part, index) => (part === null ? segments[index] !== '' : part === segments[index])));
  // Compare the parameter positions: a parameter later in the path is the closer match.
  const rank = (path: KnownPath) => path.segments.map((part) => (part === null ? '1' : '0')).join('');
  return matches.sort((a, b) => rank(a).localeCompare(rank(b)))[0];
}
