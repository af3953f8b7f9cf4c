import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import type { Command } from "commander";
import type { Entry, EntryData } from "../diary/entries.js";
import type { Problem } from "../errors/problem.js";
import type { Knowledge } from "../knowledge/schema.js";
import { text } from "../knowledge/texts.js";
import type { Repository } from "../storage/repository.js";
import { EXIT, reportProblems, type Io } from "./io.js";

/**
 * The diary's code and its storage (kysely, pg, better-sqlite3, zod) are loaded when a diary command runs,
 * not at every start of the program: `backcheck --help` or `assess` must not pay for them.
 */
const deps = async () => {
  const [{ toCsv }, { validateEntry }, { followUp }, { textChart }, { openRepository }] = await Promise.all([
    import("../diary/csv.js"),
    import("../diary/entries.js"),
    import("../diary/follow-up.js"),
    import("../diary/text-chart.js"),
    import("../storage/open-repository.js"),
  ]);
  return { toCsv, validateEntry, followUp, textChart, openRepository };
};
type Deps = Awaited<ReturnType<typeof deps>>;
import type { TextKey } from "../knowledge/text-key.js";

/** Terminal users keep their diary in the same SQLite file as the server, under one local account. */
const TERMINAL_USER = { id: "terminal", email: "terminal@localhost" };

async function withRepo<T>(io: Io, f: (repo: Repository) => Promise<T>): Promise<T | number> {
  const { openRepository } = await deps();
  const r = await openRepository({ sqlitePath: resolve(process.env["BACKCHECK_DB"] || "data/backcheck.db") });
  if (!r.ok) return reportProblems(io, r.problems, "storage");
  try {
    // "!" is no argon2 hash, so nobody can log in to the terminal's account over HTTP.
    await r.value.createUser({ ...TERMINAL_USER, password_hash: "!", created_at: new Date().toISOString() });
    return await f(r.value);
  } finally {
    await r.value.close();
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);
const yesNo = (v: string | undefined, path: string, problems: Problem[]): boolean | undefined => {
  if (v === undefined) return undefined;
  if (["yes", "y", "true"].includes(v)) return true;
  if (["no", "n", "false"].includes(v)) return false;
  problems.push({ code: "input.yes_no", path, message: "must be yes or no" });
  return undefined;
};
const number = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

function printStatus(entries: Entry[], k: Knowledge, io: Io, lang: string, { textChart, followUp }: Deps): number {
  const t = (key: TextKey, vars: Record<string, string | number> = {}): string =>
    text(k, lang, key).replace(/\{(\w+)\}/g, (_, n: string) => String(vars[n] ?? ""));
  if (!entries.length) {
    io.out(t("diary.no_entries"));
    return EXIT.ok;
  }
  io.out(textChart(entries, t("diary.chart_workout")));
  const f = followUp(entries, today(), {}, k);
  if (!f.ok) return reportProblems(io, f.problems, "follow-up");
  const s = f.value;
  io.out("");
  if (s) {
    io.out(`${t(`triage.${s.triage}.label`)}: ${t(`triage.${s.triage}.action`)}`);
    io.out(
      t("diary.course", {
        days: s.course.duration_days,
        intensity: s.course.intensity,
        trend: t(`diary.trend.${s.course.trend}`),
      }),
    );
    if (s.previous_triage)
      io.out(
        s.changed
          ? t("diary.changed", { from: t(`triage.${s.previous_triage}.label`), to: t(`triage.${s.triage}.label`) })
          : t("diary.unchanged"),
      );
    for (const r of s.assessment.reasons.filter((x) => x.level === s.assessment.triage))
      io.out(`  • ${t(`rule.${r.rule}.reason`)}`);
    if (s.checkin_due) io.out(t("diary.checkin_due"));
  }
  const insight = s?.insight;
  if (insight?.exercises.length) {
    io.out("");
    for (const x of insight.exercises)
      io.out(
        `  ${t("diary.exercise_stats", { exercise: t(`option.exercises.${x.exercise}`), pain: x.pain_sessions, sessions: x.sessions })}`,
      );
    if (insight.flagged.length) {
      for (const x of insight.flagged)
        io.out(
          t("diary.recurring", {
            exercise: t(`option.exercises.${x.exercise}`),
            pain: x.pain_sessions,
            sessions: x.sessions,
          }),
        );
    } else io.out(t("diary.no_pattern"));
    for (const a of insight.advice) io.out(`  • ${t(`advice.${a}.title`)}: ${t(`advice.${a}.text`)}`);
  }
  io.out("");
  io.out(t("disclaimer"));
  return EXIT.ok;
}

/** `backcheck diary add|list|status|export|import|delete`. */
export function addDiaryCommands(
  program: Command,
  io: Io,
  setExit: (c: number) => void,
  knowledge: () => Promise<Knowledge>,
): void {
  const diary = program
    .command("diary")
    .description("a pain and training diary with follow-up advice (stored in the same SQLite file as the server)");
  const add = diary.command("add").description("add a workout or a pain check-in");
  const store = async (data: Record<string, unknown>, problems: Problem[]): Promise<void> => {
    if (problems.length) return setExit(reportProblems(io, problems));
    const k = await knowledge();
    const d = await deps();
    const v = d.validateEntry(data, today(), k);
    if (!v.ok) return setExit(reportProblems(io, v.problems));
    const code = await withRepo(io, async (repo) => {
      const entry: Entry = { ...(v.value as EntryData), id: randomUUID() };
      await repo.addDiaryEntries(TERMINAL_USER.id, [entry], new Date().toISOString());
      io.out(`saved ${entry.kind} ${entry.date} (${entry.id})`);
      return printStatus(await repo.listDiary(TERMINAL_USER.id), k, io, "en", d);
    });
    setExit(code);
  };
  add
    .command("workout")
    .description("log a workout")
    .requiredOption("--activity <activity>", "e.g. weightlifting, running, trampoline")
    .option("--date <date>", "YYYY-MM-DD (default today)")
    .option("--exercises <list>", "comma-separated, e.g. deadlift,squat; name:sets:load_kg for detail (deadlift:5:100)")
    .option("--hours <hours>", "session length in hours")
    .option("--warmed-up <yes|no>", "whether you warmed up")
    .option("--effort <1-10>", "how hard it felt")
    .option("--experience <level>", "beginner, regular or professional")
    .action(async (o: Record<string, string | undefined>) => {
      const problems: Problem[] = [];
      const exercises = (o["exercises"] ?? "")
        .split(",")
        .filter(Boolean)
        .map((s) => {
          const [exercise, sets, load] = s.trim().split(":");
          return { exercise, ...(sets ? { sets: Number(sets) } : {}), ...(load ? { load_kg: Number(load) } : {}) };
        });
      const data: Record<string, unknown> = {
        kind: "workout",
        date: o["date"] ?? today(),
        activity: o["activity"],
        exercises,
      };
      if (o["hours"] !== undefined) data["hours"] = number(o["hours"]);
      const w = yesNo(o["warmedUp"], "--warmed-up", problems);
      if (w !== undefined) data["warmed_up"] = w;
      if (o["effort"] !== undefined) data["effort"] = number(o["effort"]);
      if (o["experience"] !== undefined) data["experience"] = o["experience"];
      await store(data, problems);
    });
  add
    .command("checkin")
    .description("log how the pain is today")
    .requiredOption("--intensity <0-10>", "pain now, 0 none to 10 worst")
    .option("--date <date>", "YYYY-MM-DD (default today)")
    .option("--age <years>", "your age (needed once for the follow-up)")
    .option("--night-pain", "the pain wakes you at night")
    .option("--leg-weakness", "a leg feels weak")
    .option("--finding <name=yes|no...>", "any yes/no finding of the case, e.g. fever=yes")
    .action(async (o: Record<string, string | boolean | string[] | undefined>) => {
      const problems: Problem[] = [];
      const findings: Record<string, boolean> = {};
      if (o["nightPain"]) findings["night_pain"] = true;
      if (o["legWeakness"]) findings["leg_weakness"] = true;
      for (const f of (o["finding"] as string[] | undefined) ?? []) {
        const [name, value] = f.split("=");
        const b = yesNo(value, `--finding ${name}`, problems);
        if (name && b !== undefined) findings[name] = b;
      }
      const data: Record<string, unknown> = {
        kind: "checkin",
        date: (o["date"] as string | undefined) ?? today(),
        intensity: number(o["intensity"] as string),
      };
      if (o["age"] !== undefined) data["age"] = number(o["age"] as string);
      if (Object.keys(findings).length) data["findings"] = findings;
      await store(data, problems);
    });
  diary
    .command("list")
    .description("list the entries")
    .option("--json", "as JSON")
    .action(async (o: { json?: boolean }) => {
      setExit(
        await withRepo(io, async (repo) => {
          const entries = await repo.listDiary(TERMINAL_USER.id);
          if (o.json) io.out(JSON.stringify(entries, null, 2));
          else if (!entries.length) io.out(text(await knowledge(), "en", "diary.no_entries"));
          else
            for (const e of entries)
              io.out(
                `${e.date}  ${e.kind === "workout" ? `workout  ${e.activity} ${e.exercises.map((x) => x.exercise).join(", ")}` : `check-in pain ${e.intensity}`}  (${e.id})`,
              );
          return EXIT.ok;
        }),
      );
    });
  diary
    .command("status")
    .description("the pain chart, the follow-up advice and what the training shows")
    .option("--json", "the follow-up as JSON")
    .option("--lang <lang>", "language", "en")
    .action(async (o: { json?: boolean; lang: string }) => {
      const k = await knowledge();
      const d = await deps();
      setExit(
        await withRepo(io, async (repo) => {
          const entries = await repo.listDiary(TERMINAL_USER.id);
          if (!o.json) return printStatus(entries, k, io, k.locales[o.lang] ? o.lang : "en", d);
          const f = d.followUp(entries, today(), {}, k);
          if (!f.ok) return reportProblems(io, f.problems, "follow-up");
          io.out(JSON.stringify(f.value ?? null, null, 2));
          return EXIT.ok;
        }),
      );
    });
  diary
    .command("export")
    .description("print the diary as JSON or CSV")
    .option("--format <format>", "json or csv", "json")
    .action(async (o: { format: string }) => {
      if (!["json", "csv"].includes(o.format))
        return setExit(
          reportProblems(io, [{ code: "input.format", path: "--format", message: "must be json or csv" }]),
        );
      const { toCsv } = await deps();
      setExit(
        await withRepo(io, async (repo) => {
          const entries = await repo.listDiary(TERMINAL_USER.id);
          io.out(o.format === "csv" ? toCsv(entries).trimEnd() : JSON.stringify({ entries }, null, 2));
          return EXIT.ok;
        }),
      );
    });
  diary
    .command("import")
    .description("add the entries of a JSON export (all or nothing)")
    .argument("<file>", 'JSON file ({ "entries": [...] } or an array); "-" for stdin')
    .action(async (file: string) => {
      const { readJsonInput } = await import("./read-input.js");
      const input = readJsonInput(file, io.stdin);
      if (!input.ok) return setExit(reportProblems(io, input.problems));
      const list = Array.isArray(input.value) ? input.value : (input.value as { entries?: unknown[] }).entries;
      if (!Array.isArray(list))
        return setExit(
          reportProblems(io, [
            { code: "input.format", path: file, message: 'expected { "entries": [...] } or an array' },
          ]),
        );
      const k = await knowledge();
      const { validateEntry } = await deps();
      const problems: Problem[] = [];
      const entries: Entry[] = [];
      list.forEach((raw, i) => {
        const { id: _id, ...data } = raw as Record<string, unknown>;
        const v = validateEntry(data, today(), k, `entries[${i}]`);
        if (v.ok) entries.push({ ...v.value, id: randomUUID() });
        else problems.push(...v.problems);
      });
      if (problems.length) return setExit(reportProblems(io, problems));
      setExit(
        await withRepo(io, async (repo) => {
          await repo.addDiaryEntries(TERMINAL_USER.id, entries, new Date().toISOString());
          io.out(`imported ${entries.length} entries`);
          return EXIT.ok;
        }),
      );
    });
  diary
    .command("delete")
    .description("delete an entry by its id")
    .argument("<id>")
    .action(async (id: string) => {
      setExit(
        await withRepo(io, async (repo) => {
          if (!(await repo.deleteDiaryEntry(TERMINAL_USER.id, id)))
            return reportProblems(io, [{ code: "not_found", path: id, message: "no such entry" }]);
          io.out("deleted");
          return EXIT.ok;
        }),
      );
    });
}
