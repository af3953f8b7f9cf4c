import { test } from "node:test";
import assert from "node:assert/strict";
import { wrapLine, wrapText } from "./wrap.js";

test("wrap: breaks at spaces, never inside a word, and keeps every word", () => {
  const text = "Book a visit with a doctor in the coming days. It is not an emergency, but it should be examined.";
  for (const width of [20, 33, 41, 60]) {
    const lines = wrapText(text, width).split("\n");
    assert.ok(
      lines.every((l) => l.length <= width),
      `${width}: ${JSON.stringify(lines)}`,
    );
    assert.equal(lines.join(" "), text);
  }
});

test("wrap: a bullet's continuation lines are indented under its text", () => {
  assert.deepEqual(wrapLine("  • Keep moving gently and build up slowly", 24), [
    "  • Keep moving gently",
    "    and build up slowly",
  ]);
});

test("wrap: a word longer than the width stays whole; colour codes take no room", () => {
  assert.deepEqual(wrapLine("see https://www.nhs.uk/conditions/back-pain/ now", 20), [
    "see",
    "https://www.nhs.uk/conditions/back-pain/",
    "now",
  ]);
  const red = "\u001b[31mdoctor\u001b[39m";
  assert.deepEqual(wrapLine(`call a ${red} today`, 15), [`call a ${red}`, "today"]);
});
