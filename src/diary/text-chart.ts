import { byDate, daysBetween, type Entry } from "./entries.js";

/**
 * A compact chart for the terminal: one line per day from the first entry to the last, a bar for the
 * day's highest pain (0 to 10) and the day's workouts beside it.
 */
export function textChart(entries: Entry[], workoutLabel = "workout"): string {
  if (entries.length === 0) return "";
  const sorted = byDate(entries);
  const first = sorted[0]!.date;
  const last = sorted[sorted.length - 1]!.date;
  const lines: string[] = [];
  for (let d = 0; d <= daysBetween(first, last); d++) {
    const date = new Date(Date.parse(`${first}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    const today = sorted.filter((e) => e.date === date);
    const pains = today.flatMap((e) => (e.kind === "checkin" ? [e.intensity] : []));
    const workouts = today.flatMap((e) =>
      e.kind === "workout" ? [e.exercises.map((x) => x.exercise).join(", ") || e.activity] : [],
    );
    const pain = pains.length ? Math.max(...pains) : undefined;
    const bar = pain === undefined ? " ".repeat(10) : "█".repeat(pain).padEnd(10, "·");
    lines.push(
      `${date} │${bar}│ ${pain === undefined ? " " : String(pain).padStart(2)}  ${workouts.map((w) => `▲ ${workoutLabel}: ${w}`).join("; ")}`.trimEnd(),
    );
  }
  return lines.join("\n");
}
