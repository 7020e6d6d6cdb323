import { mount } from 'svelte';
import App from './App.svelte';
import { startAnswers } from './lib/start-requests.ts';

// Imported by main.ts once the start-up requests are on their way. This chunk is compiled and its modules
// evaluated while they are answered; the app is mounted once the answers are in, so the first frame laid out
// and painted is the library with its first rows (Electron shows the window on that frame, ready-to-show).
// A slow back end does not hold the window back for long: the app mounts after the limit and fills in.
await startAnswers(500);
mount(App, { target: document.getElementById('app')! });
