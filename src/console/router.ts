import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/*
 * The web console: static files only. It is a client of the public API like any other (it signs in
 * with an API key and calls /api/v1), so it holds no data and needs no key to be served. Its pages are
 * plain ES modules: no build step, no CDN; the two libraries it draws with are served from node_modules.
 */

const PUBLIC_DIR = path.join(__dirname, 'public');

/**
 * Exactly the library files the console loads, by the URL it loads them from: nothing else of node_modules is
 * reachable.
 */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  '/console/vendor/cytoscape.min.js': path.join(path.dirname(require.resolve('cytoscape')), 'cytoscape.min.js'),
  '/console/vendor/chart.umd.min.js': path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
};

// The console changes with each release and is small: browsers revalidate rather than run stale modules.
const NO_STALE = { 'Cache-Control': 'no-cache' };

const vendor: RequestHandler = (req, res, next) => {
  const file = VENDOR_FILES[req.path];
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.sendFile(
    file,
    { headers: { ...NO_STALE, 'Content-Type': 'text/javascript; charset=utf-8' } },
    (err) => err && next(err),
  );
};

/** `/` is the console's single page; every view lives behind `#/...`, so no other page URL exists. */
const indexPage: RequestHandler = (req, res, next) => {
  if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  res.sendFile(path.join(PUBLIC_DIR, 'index.html'), { headers: NO_STALE }, (err) => err && next(err));
};

export function consoleRouter(): Router {
  const router = Router();
  router.use(indexPage);
  router.use(vendor);
  router.use(
    '/console',
    express.static(PUBLIC_DIR, {
      index: false,
      dotfiles: 'ignore',
      redirect: false,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    }),
  );
  return router;
}
