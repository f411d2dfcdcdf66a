import { render } from 'preact';
import { App, tokenFromPath } from './App';
import './upload.css';

const root = document.getElementById('app')!;
root.textContent = ''; // the static "Memuat…" placeholder: Preact would keep it beside the app
render(<App token={tokenFromPath(location.pathname)} />, root);
