// First: the requests start-up waits on leave before the rest of the app is evaluated.
import './lib/start-requests.ts';
// Second: the first screen kept from the last start (core/first-screen.ts) is looked for before the app mounts beside it.
import { handOverFirstScreen } from './lib/first-screen.ts';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import LibraryOpening from './components/LibraryOpening.svelte';
import { firstScreenful } from './lib/library-loader.svelte.ts';
import { openingState } from './lib/opening-state.ts';

// index.html's font warm-up has done its work (the fonts were looked up while this script was on its way).
document.querySelector('.font-warm')?.remove();

// A page served while the library was still opening (backed up and updated first) shows how far that is, then loads again.
const target = document.getElementById('app')!;
const opening = openingState();
if (opening) mount(LibraryOpening, { target, props: { opening } });
else {
  mount(App, { target });
  void handOverFirstScreen(target, firstScreenful);
}
