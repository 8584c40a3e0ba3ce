/** Features that later issues add, said plainly so nobody looks for a missing button. */

const LATER: readonly { title: string; text: string }[] = [
  {
    title: 'Mounts',
    text: 'Sharing host folders with the instance comes with a later driver issue.',
  },
  {
    title: 'Extra networks',
    text: 'Networks beyond the default one come with a later driver issue.',
  },
  {
    title: 'Shell',
    text:
      'A terminal in this window comes with the Electron shell. Until then, connect with ssh ' +
      'to the address under Details.',
  },
];

/** The "coming later" panel. */
export function LaterPanel() {
  return (
    <section className="panel panel--later" aria-labelledby="later-title">
      <h2 id="later-title">Coming later</h2>
      <ul className="later">
        {LATER.map((item) => (
          <li key={item.title}>
            <strong>{item.title}</strong>
            <span>{item.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
