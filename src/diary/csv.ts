import type { Entry } from "./entries.js";

export const CSV_COLUMNS = [
  "id",
  "kind",
  "date",
  "activity",
  "exercises",
  "hours",
  "warmed_up",
  "effort",
  "experience",
  "intensity",
  "age",
  "location",
  "character",
  "findings",
] as const;

const cell = (v: unknown): string => {
  if (v === undefined || v === null) return "";
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One row per entry, for spreadsheets. Lists are joined with "|"; exercises as name:sets:load:minutes. */
export function toCsv(entries: Entry[]): string {
  const rows = entries.map((e) => {
    const r: Record<string, unknown> = { id: e.id, kind: e.kind, date: e.date };
    if (e.kind === "workout") {
      Object.assign(r, {
        activity: e.activity,
        exercises: e.exercises
          .map((x) => [x.exercise, x.sets ?? "", x.load_kg ?? "", x.minutes ?? ""].join(":").replace(/:+$/, ""))
          .join("|"),
        hours: e.hours,
        warmed_up: e.warmed_up,
        effort: e.effort,
        experience: e.experience,
      });
    } else {
      Object.assign(r, {
        intensity: e.intensity,
        age: e.age,
        location: e.location?.join("|"),
        character: e.character?.join("|"),
        findings: e.findings
          ? Object.entries(e.findings)
              .map(([k, v]) => `${k}=${v ? "yes" : "no"}`)
              .join("|")
          : undefined,
      });
    }
    return CSV_COLUMNS.map((c) => cell(r[c])).join(",");
  });
  return `${[CSV_COLUMNS.join(","), ...rows].join("\r\n")}\r\n`;
}
