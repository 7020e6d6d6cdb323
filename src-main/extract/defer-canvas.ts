import { createRequire, Module } from 'node:module';

/**
 * pdf.js's Node build requires @napi-rs/canvas as it loads (for the
 * DOMMatrix and Path2D it puts on globalThis), whether or not anything is
 * ever drawn. Loading it opens the native library and has FreeType scan the
 * system's fonts: ~130 ms of CPU in every extraction worker (--cpu-prof),
 * which only reads text and never draws. This puts a stand-in in the
 * require cache, before pdf.js loads, that loads the real module the first
 * time anything of it is used: DOMMatrix and Path2D are stand-ins that
 * construct the real classes, every other export is the real one.
 *
 * `from`: a file whose require resolves @napi-rs/canvas as pdf.js's does
 * (pdf.js's own entry). Does nothing when the module is already loaded in
 * this thread or cannot be found (pdf.js then warns, as it would).
 */
export function deferCanvasLoad(from: string): void {
  const require = createRequire(from);
  let file: string;
  try {
    file = require.resolve('@napi-rs/canvas');
  } catch {
    return;
  }
  if (require.cache[file]) return;
  let real: Record<string | symbol, unknown> | undefined;
  const load = (): Record<string | symbol, unknown> => {
    if (!real) {
      // The stand-in leaves the cache, so this require (and every later one) loads and caches the real module.
      if (require.cache[file] === stub) delete require.cache[file];
      real = require(file) as Record<string | symbol, unknown>;
    }
    return real;
  };
  const lazyClass = (name: string) => {
    const cls = () => load()[name] as new (...args: unknown[]) => object;
    // A function target, so the proxy can be called with new; what it makes is the real class's instance.
    const proxy: object = new Proxy(function () {}, {
      construct: (_target, args, newTarget) => Reflect.construct(cls(), args, newTarget === proxy ? cls() : newTarget),
      get: (_target, key) => Reflect.get(cls(), key),
      set: (_target, key, value) => Reflect.set(cls(), key, value),
      has: (_target, key) => Reflect.has(cls(), key),
    });
    return proxy;
  };
  const deferred: Record<string, object> = { DOMMatrix: lazyClass('DOMMatrix'), Path2D: lazyClass('Path2D') };
  const stub = new Module(file);
  stub.filename = file;
  stub.loaded = true;
  stub.exports = new Proxy(
    {},
    {
      get: (_target, key) => (typeof key === 'string' && key in deferred ? deferred[key] : Reflect.get(load(), key)),
      has: (_target, key) => (typeof key === 'string' && key in deferred) || Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_target, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
  require.cache[file] = stub;
}
