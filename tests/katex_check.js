// Parse every math fragment given as JSON on stdin with KaTeX (throwOnError); print failures.
const katex = require("katex");
let data = "";
process.stdin.on("data", (d) => (data += d));
process.stdin.on("end", () => {
  const bad = [];
  for (const [tex, display] of JSON.parse(data)) {
    try {
      katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: "ignore" });
    } catch (e) {
      bad.push({ tex, error: String(e.message) });
    }
  }
  process.stdout.write(JSON.stringify(bad));
});
