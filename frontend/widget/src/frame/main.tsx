// Entry of the widget frame (/widget/index.html), opened by the loader inside an iframe.
import { render } from 'solid-js/web';
import { App } from './App.jsx';
import './styles.css';

const root = document.getElementById('widget');
if (!root) throw new Error('the widget page has no #widget element');
render(() => <App preferredLocale={new URLSearchParams(window.location.search).get('lang')} />, root);
