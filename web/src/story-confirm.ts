import { describeAnswer, h, type Line, show, t } from "./kernel";

/** What was understood from the person's words, line by line: they untick or change any line (story-view.ts). */
/** A control to change a line's value where a simple one fits: yes/no, or a number. */
function editor(l: Line, i: number): HTMLElement | null {
  const label = `${t("parse.change")}: ${describeAnswer(l.field, l.value).split(":")[0]}`;
  if (typeof l.value === "boolean") {
    return h(
      "select",
      { "data-edit": l.field, id: `edit-${i}`, "aria-label": label },
      h("option", { value: "true", selected: l.value === true }, t("answer.yes")),
      h("option", { value: "false", selected: l.value === false }, t("answer.no")),
    );
  }
  if (typeof l.value === "number")
    return h("input", {
      type: "number",
      "data-edit": l.field,
      id: `edit-${i}`,
      value: l.value,
      step: "any",
      "aria-label": label,
    });
  return null;
}

function lineRow(l: Line, i: number): HTMLElement {
  const id = `keep-${i}`;
  const edit = editor(l, i);
  return h(
    "li",
    { class: "story-line", "data-field": l.field },
    h(
      "label",
      { class: "check", for: id },
      h("input", { type: "checkbox", id, name: "keep", value: String(i), checked: l.certain }),
      h(
        "span",
        {},
        h("span", { class: "story-text" }, l.text),
        h("br", {}),
        h("small", { class: "help" }, t("parse.from_text", { quote: l.quote })),
      ),
    ),
    edit ? h("div", { class: "story-edit" }, edit) : null,
  );
}

export function confirmScreen(
  lines: Line[],
  done: (answers?: Record<string, unknown>) => void,
  again: () => void,
): void {
  const sure = lines.map((l, i) => ({ l, i })).filter((x) => x.l.certain);
  const unsure = lines.map((l, i) => ({ l, i })).filter((x) => !x.l.certain);
  const confirm = (): void => {
    const answers: Record<string, unknown> = {};
    for (const box of document.querySelectorAll<HTMLInputElement>("input[name=keep]:checked")) {
      const l = lines[Number(box.value)]!;
      const edit = document.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-edit="${l.field}"]`);
      let value = l.value;
      if (edit && typeof l.value === "boolean") value = edit.value === "true";
      if (edit && typeof l.value === "number") {
        const n = Number(edit.value.replace(",", "."));
        if (edit.value.trim() === "" || !Number.isFinite(n)) continue; // an emptied number is asked instead
        value = n;
      }
      answers[l.field] = value;
    }
    done(Object.keys(answers).length ? answers : undefined);
  };
  show(
    h("h1", {}, lines.length ? t("parse.understood") : t("parse.nothing")),
    lines.length ? h("p", { class: "help" }, t("parse.check")) : null,
    sure.length
      ? h(
          "ul",
          { class: "plain story-lines", id: "understood" },
          sure.map(({ l, i }) => lineRow(l, i)),
        )
      : null,
    unsure.length ? h("h2", {}, t("parse.unsure")) : null,
    unsure.length
      ? h(
          "ul",
          { class: "plain story-lines", id: "unsure" },
          unsure.map(({ l, i }) => lineRow(l, i)),
        )
      : null,
    h("p", { class: "help" }, t("parse.still_asked")),
    h("button", { class: "btn primary", id: "confirm-story", onclick: confirm }, t("parse.confirm")),
    h("button", { class: "btn", id: "edit-story", onclick: again }, t("parse.edit_text")),
  );
}
