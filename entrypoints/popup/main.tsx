import { render } from 'preact';

function Popup() {
  return <main>LineKeeper</main>;
}

render(<Popup />, document.getElementById('app')!);
