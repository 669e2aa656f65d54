// The portal's service worker. It keeps the app shell (the page, its script, WebAssembly, styles
// and icons) so the portal opens without a network, and an offline page for the rare visit where
// the shell is not stored yet. It never stores an API answer: those hold health data, which must
// not outlive the session on a shared device. `cargo xtask` writes the build's file list and
// version below; a browser sees a changed file and installs the new shell.
"use strict";

const VERSION = "dev";
const SHELL = ["/", "/offline.html", "/offline.css", "/manifest.webmanifest", "/icons/icon.svg",
  "/icons/icon-192.png", "/icons/icon-512.png", "/icons/icon-maskable-512.png"];

const CACHE = `portal-shell-${VERSION}`;
// Paths whose answers are never stored: the APIs and anything that signs a user in or out.
const NEVER_CACHE = ["/api/", "/fhir/", "/oauth/", "/auth/"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("portal-shell-") && n !== CACHE)
        .map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (NEVER_CACHE.some((prefix) => url.pathname.startsWith(prefix))) return;

  if (request.mode === "navigate") {
    // The network first, so a new build is picked up; the stored shell when offline.
    event.respondWith(
      fetch(request).catch(async () =>
        (await caches.match("/", { cacheName: CACHE })) ||
        (await caches.match("/offline.html", { cacheName: CACHE })) ||
        Response.error()),
    );
    return;
  }
  const path = url.pathname;
  if (SHELL.includes(path)) {
    event.respondWith(caches.match(path, { cacheName: CACHE }).then((hit) => hit || fetch(request)));
  }
});
