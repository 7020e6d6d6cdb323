// The entry is only what start-up must not wait for: the two requests the first rows need (lib/start-requests)
// leave as soon as this small script runs, and the app (./boot.ts, its own chunk, fetched in parallel through a
// modulepreload the build adds to index.html) is compiled and mounted while the back end answers them.
import './lib/start-requests.ts';
import './app.css';

void import('./boot.ts');
