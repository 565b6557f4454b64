// The built single-page apps, served by every chat pod next to the API they call (same origin, so
// no CORS for the API and `connect-src 'self'` suffices): the agents' console at /console/ and the
// customers' widget at /widget/ (the frame, loader.js that sites embed, hashed assets). Public: no
// token is needed to load an app; the API behind it checks every call. A folder that is not built
// yet answers a plain 404 saying so, and the process serves the API regardless.
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';

export interface FrontendOptions {
  consoleDir: string;
  widgetDir: string;
  /** CSP frame-ancestors of the widget: the sites that may embed it; none when unset. */
  widgetFrameAncestors: string | undefined;
}

interface Frontend {
  name: 'console' | 'widget';
  dir: string;
  frameAncestors: string;
  /** Paths that are not files get index.html, so the app's own router handles deep links. */
  spaFallback: boolean;
  /** Served to other sites' pages: readable cross-origin, never cached stale. */
  embeddable: string[];
}

const contentSecurityPolicy = (frameAncestors: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "connect-src 'self' ws: wss:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');

/** Vite names every file under assets/ by its content hash: it never changes under its name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function registerFrontendRoutes(app: FastifyInstance, options: FrontendOptions): void {
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  serveFrontend(app, { name: 'console', dir: options.consoleDir, frameAncestors: "'none'", spaFallback: true, embeddable: [] });
  serveFrontend(app, { name: 'widget', dir: options.widgetDir, frameAncestors: options.widgetFrameAncestors ?? "'none'", spaFallback: false, embeddable: ['loader.js'] });
}

function serveFrontend(app: FastifyInstance, frontend: Frontend): void {
  const root = resolve(frontend.dir);
  const policy = contentSecurityPolicy(frontend.frameAncestors);
  const text = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(body);
  const notBuilt = (reply: FastifyReply) => text(reply, 404, `${frontend.name} not built: run make dev`);

  // Its own encapsulated scope: the static plugin's reply decorator, the 404 handler and the
  // header hook apply to this app's paths only.
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (_request, reply) => {
        reply.header('content-security-policy', policy).header('x-content-type-options', 'nosniff').header('referrer-policy', 'same-origin');
      });
      scope.get('/', { prefixTrailingSlash: 'no-slash', schema: { hide: true } }, (_request, reply) => reply.redirect(`/${frontend.name}/`));

      // A path that is there but no folder would stop the static plugin from loading, and with it
      // the whole process: refuse to serve it instead, loudly.
      const found = await stat(root).catch(() => undefined);
      if (found && !found.isDirectory()) {
        scope.log.error({ dir: root }, `${frontend.name} folder is not a directory; serving nothing there`);
        scope.get('/*', { schema: { hide: true } }, (_request, reply) => notBuilt(reply));
        return;
      }
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        index: ['index.html'],
        dotfiles: 'ignore',
        cacheControl: false,
        setHeaders: (response, path) => {
          const name = basename(path);
          if (path.includes(`${sep}assets${sep}`)) return response.setHeader('cache-control', IMMUTABLE);
          response.setHeader('cache-control', 'no-cache');
          if (frontend.embeddable.includes(name)) response.setHeader('access-control-allow-origin', '*');
        },
      });
      scope.setNotFoundHandler(async (request, reply) => {
        // Checked on each miss, so a build that lands while the process runs is served at once.
        const built = await access(join(root, 'index.html')).then(
          () => true,
          () => false,
        );
        if (!built) return notBuilt(reply);
        // A missing hashed asset stays a 404: a page must never get HTML for its script.
        const navigation = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith(`/${frontend.name}/assets/`);
        if (frontend.spaFallback && navigation) return reply.code(200).sendFile('index.html');
        return text(reply, 404, 'Not found');
      });
    },
    { prefix: `/${frontend.name}` },
  );
}
