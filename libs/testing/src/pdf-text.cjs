// Reads a PDF on stdin and prints its text with pdf.js. Run in its own process by pdf-text.ts: parsing
// blocks for seconds, and the land service under test shares the test's event loop (Kafka heartbeats).
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(Buffer.concat(chunks)),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  process.stdout.write(pages.join('\n').replace(/\s+/g, ' '));
});
