// First: the requests start-up waits on leave before the rest of the app is evaluated.
import './lib/start-requests.ts';
import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
