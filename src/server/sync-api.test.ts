import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { defaultKnowledge } from "../knowledge/load.js";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from "./auth.js";
import { Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;
const day = (n: number): string => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
/** Cases shipped with the project (examples/), so the test needs nothing outside the repository. */
const example = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8"));
const cases = [...(example("several-cases.json") as Json[]), example("beginner-after-squats.json") as Json];

/** The sync API of issue 16 (saved results, diary revisions), as the browser uses it. See /work/notes/sync-api.md. */
for (const target of await testDatabases()) {
  describe(`sync API on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    let logs: string[];
    let saved: (n: number) => Promise<Json>;
    before(async () => {
      db = await target.make();
      ({ app, repo, logs } = await testApp(db, { limits: { resultsMaxEntries: 3, diaryMaxEntries: 20 } }));
      // Real results: example cases through the server's own engine, as the browser's would be.
      const results = new Map<number, Json>();
      saved = async (n) => {
        const c = cases[n]!;
        if (!results.has(n)) {
          const r = await app.inject({ method: "POST", url: "/api/assess", payload: c });
          assert.equal(r.statusCode, 200, r.body);
          results.set(n, json(r));
        }
        return {
          case: c,
          result: results.get(n),
          lang: "en",
          knowledge_version: "k-3f2a9c",
          created_at: "2026-11-20T10:00:00.000Z",
        };
      };
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    const client = async (): Promise<Client> => {
      const c = new Client(app);
      assert.equal((await c.register(`sync-${randomUUID()}@example.org`)).statusCode, 201);
      return c;
    };

    test("results: create, list, read, update with the current revision", async () => {
      const c = await client();
      const id = randomUUID();
      const created = await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual(json(created), { id, revision: 1 });
      const other = randomUUID();
      assert.equal(
        (await c.request("PUT", `/api/results/${other}`, { base_revision: 0, body: await saved(1) })).statusCode,
        201,
      );
      const list = json(await c.request("GET", "/api/results"));
      assert.equal(list["total"], 2);
      assert.equal(list["max"], 3);
      assert.deepEqual(list["results"].map((r: Json) => r.id).sort(), [id, other].sort());
      const one = json(await c.request("GET", `/api/results/${id}`));
      assert.equal(one["revision"], 1);
      assert.deepEqual(one["body"], await saved(0), "stored as sent");
      const changed = { ...(await saved(0)), lang: "ru" };
      const updated = await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: changed });
      assert.equal(updated.statusCode, 200, updated.body);
      assert.deepEqual(json(updated), { id, revision: 2 });
      assert.equal(json(await c.request("GET", `/api/results/${id}`))["body"]["lang"], "ru");
    });

    test("results: what an interview produces (its case and result, as the browser's engine gives them) can be saved", async () => {
      const c = await client();
      let i = json(await c.request("POST", "/api/interviews", { lang: "ru" }));
      for (let n = 0; n < 60 && !i["step"]["done"]; n++) {
        const q = i["step"]["question"];
        const value =
          q.id === "age"
            ? 16
            : q.kind === "checklist"
              ? []
              : q.kind === "boolean"
                ? false
                : q.kind === "multi"
                  ? [q.options[0].value]
                  : q.kind === "number" || q.kind === "integer"
                    ? 3
                    : q.options[0].value;
        i = json(
          await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
            question: q.id,
            answer: value,
            revision: i["revision"],
          }),
        );
      }
      assert.equal(i["step"]["done"], true);
      const finished = (JSON.parse((await c.request("GET", "/api/me/assessments")).body) as Json[])[0]!;
      const body = {
        case: finished.case,
        result: { ...i["step"]["result"], knowledge_version: "3f2a9c" },
        lang: "ru",
        knowledge_version: "3f2a9c",
        created_at: new Date().toISOString(),
      };
      const r = await c.request("PUT", `/api/results/${i["id"]}`, { base_revision: 0, body });
      assert.equal(r.statusCode, 201, r.body);
      assert.deepEqual(json(await c.request("GET", `/api/results/${i["id"]}`))["body"], body);
    });

    test("results: a stale base revision gets 409 with the server's current revision and body, and changes nothing", async () => {
      const c = await client();
      const id = randomUUID();
      await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      const phone = { ...(await saved(0)), lang: "ru" };
      assert.equal((await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: phone })).statusCode, 200);
      // A laptop that last saw revision 1 saves its own change.
      const laptop = { ...(await saved(0)), knowledge_version: "k-other" };
      const stale = await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: laptop });
      assert.equal(stale.statusCode, 409);
      const b = json(stale);
      assert.equal(b["error"], "conflict");
      assert.equal(b["problems"][0]["code"], "stale_revision");
      assert.equal(b["problems"][0]["path"], "body.base_revision");
      assert.equal(b["current"]["id"], id);
      assert.equal(b["current"]["revision"], 2);
      assert.deepEqual(b["current"]["body"], phone, "the conflict shows what the server holds");
      assert.deepEqual(json(await c.request("GET", `/api/results/${id}`))["body"], phone, "nothing was overwritten");
      // Keeping the laptop's version is a choice made with the current revision.
      assert.deepEqual(json(await c.request("PUT", `/api/results/${id}`, { base_revision: 2, body: laptop })), {
        id,
        revision: 3,
      });
      // A create (base 0) for an id that exists with other content is a conflict too, not an overwrite.
      assert.equal((await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: phone })).statusCode, 409);
    });

    test("results: a retried upload is idempotent: no duplicate, no conflict, the same revision", async () => {
      const c = await client();
      const id = randomUUID();
      const body = await saved(2);
      const first = await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body });
      const retry = await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body });
      assert.equal(first.statusCode, 201);
      assert.equal(retry.statusCode, 200, retry.body);
      assert.deepEqual(json(retry), { id, revision: 1 });
      // The answer to an update was lost: sending it again from the same base is recognised, not a conflict.
      const changed = { ...body, lang: "ru" };
      assert.equal((await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: changed })).statusCode, 200);
      const again = await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: changed });
      assert.equal(again.statusCode, 200, again.body);
      assert.deepEqual(json(again), { id, revision: 2 });
      assert.equal(json(await c.request("GET", "/api/results"))["total"], 1);
    });

    test("results: another account cannot read, overwrite or delete them (404, never 403), nor list them", async () => {
      const a = await client();
      const b = await client();
      const id = randomUUID();
      await a.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      const read = await b.request("GET", `/api/results/${id}`);
      assert.equal(read.statusCode, 404);
      assert.doesNotMatch(read.body, /triage|k-3f2a9c/);
      assert.equal(
        (await b.request("PUT", `/api/results/${id}`, { base_revision: 1, body: await saved(1) })).statusCode,
        404,
      );
      assert.equal((await b.request("DELETE", `/api/results/${id}`)).statusCode, 404);
      assert.equal((await b.request("DELETE", `/api/results/${id}?base_revision=1`)).statusCode, 404);
      assert.deepEqual(json(await b.request("GET", "/api/results"))["results"], []);
      // B's own record under the same id is B's; A's stays as it was.
      assert.equal(
        (await b.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(1) })).statusCode,
        201,
      );
      const own = json(await a.request("GET", `/api/results/${id}`));
      assert.equal(own["revision"], 1);
      assert.deepEqual(own["body"], await saved(0));
    });

    test("results: delete (with and without a base revision), a stale delete is refused, a repeated one is 404", async () => {
      const c = await client();
      const id = randomUUID();
      await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      await c.request("PUT", `/api/results/${id}`, { base_revision: 1, body: { ...(await saved(0)), lang: "ru" } });
      const stale = await c.request("DELETE", `/api/results/${id}?base_revision=1`);
      assert.equal(stale.statusCode, 409);
      assert.equal(json(stale)["current"]["revision"], 2);
      assert.equal((await c.request("GET", `/api/results/${id}`)).statusCode, 200, "not deleted");
      assert.equal((await c.request("DELETE", `/api/results/${id}?base_revision=2`)).statusCode, 204);
      assert.equal((await c.request("DELETE", `/api/results/${id}`)).statusCode, 404);
      assert.equal(
        (await c.request("PUT", `/api/results/${id}`, { base_revision: 2, body: await saved(0) })).statusCode,
        404,
        "an edit of what was deleted elsewhere",
      );
      const other = randomUUID();
      await c.request("PUT", `/api/results/${other}`, { base_revision: 0, body: await saved(1) });
      assert.equal((await c.request("DELETE", `/api/results/${other}`)).statusCode, 204);
      assert.equal(json(await c.request("GET", "/api/results"))["total"], 0);
    });

    test("results: bad input is 400 with its place; the size and the count are limited; without a session 401", async () => {
      const c = await client();
      const body = await saved(0);
      const put = (id: string, b: unknown) => c.request("PUT", `/api/results/${id}`, b);
      const bad = async (b: unknown, path: RegExp) => {
        const r = await put(randomUUID(), b);
        assert.equal(r.statusCode, 400, r.body);
        assert.ok(
          json(r)["problems"].some((p: Json) => path.test(p.path)),
          `${JSON.stringify(json(r)["problems"])} names ${path}`,
        );
      };
      await bad({ body }, /^body/);
      await bad({ base_revision: -1, body }, /base_revision/);
      await bad({ base_revision: 0, body: { ...body, knowledge_version: undefined } }, /body/);
      await bad({ base_revision: 0, body: { ...body, note: "my address" } }, /body\.body/);
      await bad({ base_revision: 0, body: { ...body, lang: "xx" } }, /body\.body\.lang/);
      await bad({ base_revision: 0, body: { ...body, created_at: "yesterday" } }, /created_at/);
      await bad({ base_revision: 0, body: { ...body, case: { ...body.case, age: "old" } } }, /case/);
      await bad({ base_revision: 0, body: { ...body, result: { triage: "fine" } } }, /triage/);
      assert.equal((await put("not-a-uuid", { base_revision: 0, body })).statusCode, 400);
      // The result is an open object: a document 5,000 levels deep is refused, not walked until the stack breaks.
      const deep = "[".repeat(5000) + "]".repeat(5000);
      const raw = JSON.stringify({
        base_revision: 0,
        body: { ...body, result: { ...body.result, x: "DEEP" } },
      }).replace('"DEEP"', deep);
      const tooDeep = await app.inject({
        method: "PUT",
        url: `/api/results/${randomUUID()}`,
        headers: {
          cookie: c.cookieHeader(),
          [CSRF_HEADER]: c.cookies[CSRF_COOKIE]!,
          "content-type": "application/json",
        },
        payload: raw,
      });
      assert.equal(tooDeep.statusCode, 400, tooDeep.body);
      assert.equal(json(tooDeep)["problems"][0]["code"], "body.depth");
      const huge = await put(randomUUID(), {
        base_revision: 0,
        body: { ...body, result: { ...body.result, padding: "x".repeat(140 * 1024) } },
      });
      assert.equal(huge.statusCode, 413);
      for (let n = 0; n < 3; n++) assert.equal((await put(randomUUID(), { base_revision: 0, body })).statusCode, 201);
      const full = await put(randomUUID(), { base_revision: 0, body });
      assert.equal(full.statusCode, 409);
      assert.equal(json(full)["problems"][0]["code"], "results.quota");
      assert.equal(json(await c.request("GET", "/api/results"))["total"], 3, "nothing past the quota was stored");
      const anonymous = new Client(app);
      assert.equal((await anonymous.request("GET", "/api/results")).statusCode, 401);
      assert.equal(
        (await anonymous.request("PUT", `/api/results/${randomUUID()}`, { base_revision: 0, body })).statusCode,
        401,
      );
      assert.equal((await anonymous.request("DELETE", `/api/results/${randomUUID()}`)).statusCode, 401);
    });

    test("results: writes need the session's CSRF token like every other write", async () => {
      const a = await client();
      const id = randomUUID();
      await a.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      const cookie = `${SESSION_COOKIE}=${a.cookies[SESSION_COOKIE]}; ${CSRF_COOKIE}=${a.cookies[CSRF_COOKIE]}`;
      for (const header of [undefined, "forged"]) {
        const headers: Record<string, string> = { cookie, ...(header ? { [CSRF_HEADER]: header } : {}) };
        const put = await app.inject({
          method: "PUT",
          url: `/api/results/${id}`,
          headers,
          payload: { base_revision: 1, body: { ...(await saved(0)), lang: "ru" } },
        });
        assert.equal(put.statusCode, 403);
        const del = await app.inject({ method: "DELETE", url: `/api/results/${id}`, headers });
        assert.equal(del.statusCode, 403);
      }
      const now = json(await a.request("GET", `/api/results/${id}`));
      assert.equal(now["revision"], 1);
      assert.equal(now["body"]["lang"], "en");
    });

    test("diary: a client id makes a retried upload idempotent; entries carry revisions; a stale edit gets 409 with the current entry", async () => {
      const c = await client();
      const id = randomUUID();
      const entry = { kind: "checkin", date: day(2), intensity: 5, age: 30 };
      const first = await c.request("POST", "/api/diary/entries", { ...entry, id });
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(json(first)["entry"], { ...entry, id, revision: 1 });
      assert.ok("follow_up" in json(first));
      const retry = await c.request("POST", "/api/diary/entries", { ...entry, id });
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(json(retry)["entry"]["revision"], 1);
      assert.equal(json(await c.request("GET", "/api/diary"))["total"], 1, "no duplicate");
      const clash = await c.request("POST", "/api/diary/entries", { ...entry, intensity: 8, id });
      assert.equal(clash.statusCode, 409);
      assert.equal(json(clash)["problems"][0]["path"], "body.id");
      assert.equal(json(clash)["current"]["intensity"], 5);

      const edited = await c.request("PUT", `/api/diary/entries/${id}`, { ...entry, intensity: 3, base_revision: 1 });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual(json(edited)["entry"], { ...entry, intensity: 3, id, revision: 2 });
      const stale = await c.request("PUT", `/api/diary/entries/${id}`, { ...entry, intensity: 9, base_revision: 1 });
      assert.equal(stale.statusCode, 409);
      assert.equal(json(stale)["problems"][0]["code"], "stale_revision");
      assert.deepEqual(json(stale)["current"], { ...entry, intensity: 3, id, revision: 2 });
      const page = json(await c.request("GET", "/api/diary"));
      assert.deepEqual(
        page["entries"].map((e: Json) => [e.id, e.intensity, e.revision]),
        [[id, 3, 2]],
        "the stale edit changed nothing; the list has revisions",
      );
      assert.equal(
        (await c.request("PUT", `/api/diary/entries/${id}`, { ...entry, intensity: 3, base_revision: 1 })).statusCode,
        200,
        "a retried edit is not a conflict",
      );

      // PUT creates under a client id with base 0, and answers 404 for an edit of an entry that is gone.
      const offline = randomUUID();
      const put = await c.request("PUT", `/api/diary/entries/${offline}`, {
        kind: "workout",
        date: day(1),
        activity: "running",
        exercises: [],
        base_revision: 0,
      });
      assert.equal(put.statusCode, 201, put.body);
      assert.equal(json(put)["entry"]["revision"], 1);
      assert.equal(
        (await c.request("PUT", `/api/diary/entries/${randomUUID()}`, { ...entry, base_revision: 4 })).statusCode,
        404,
      );

      // Deleting with a stale base is refused; with the current one it goes.
      const staleDelete = await c.request("DELETE", `/api/diary/entries/${id}?base_revision=1`);
      assert.equal(staleDelete.statusCode, 409);
      assert.equal(json(staleDelete)["current"]["revision"], 2);
      assert.equal((await c.request("DELETE", `/api/diary/entries/${id}?base_revision=2`)).statusCode, 200);
      assert.equal(json(await c.request("GET", "/api/diary"))["total"], 1);
    });

    test("diary: old clients keep working: no id on POST, no base_revision on PUT (the last write wins, the revision still counts)", async () => {
      const c = await client();
      const made = await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 4 });
      assert.equal(made.statusCode, 201);
      const e = json(made)["entry"];
      assert.equal(e["revision"], 1);
      const blind = await c.request("PUT", `/api/diary/entries/${e.id}`, {
        kind: "checkin",
        date: day(1),
        intensity: 6,
      });
      assert.equal(blind.statusCode, 200, blind.body);
      assert.equal(json(blind)["entry"]["revision"], 2);
      assert.equal(json(blind)["entry"]["intensity"], 6);
      assert.equal(
        (await c.request("PUT", `/api/diary/entries/${randomUUID()}`, { kind: "checkin", date: day(1), intensity: 6 }))
          .statusCode,
        404,
      );
      // An export with revisions imports as before (fresh ids and revisions).
      const exported = json(await c.request("GET", "/api/me/export"))["diary"];
      assert.equal(exported[0]["revision"], 2);
      const imported = await c.request("POST", "/api/diary/import", { entries: exported });
      assert.equal(imported.statusCode, 201, imported.body);
      assert.equal(json(await c.request("GET", "/api/diary"))["total"], 2);
    });

    test("diary: another account cannot change or delete an entry by its id; its id cannot be taken over", async () => {
      const a = await client();
      const b = await client();
      const id = randomUUID();
      await a.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 2, id });
      assert.equal(
        (
          await b.request("PUT", `/api/diary/entries/${id}`, {
            kind: "checkin",
            date: day(1),
            intensity: 9,
            base_revision: 1,
          })
        ).statusCode,
        404,
      );
      assert.equal(
        (await b.request("PUT", `/api/diary/entries/${id}`, { kind: "checkin", date: day(1), intensity: 9 }))
          .statusCode,
        404,
      );
      assert.equal((await b.request("DELETE", `/api/diary/entries/${id}?base_revision=1`)).statusCode, 404);
      const taken = await b.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 9, id });
      assert.equal(taken.statusCode, 409);
      assert.equal(json(taken)["problems"][0]["code"], "id_taken");
      assert.ok(!("current" in json(taken)), "nothing of A's entry is shown");
      assert.equal(
        (
          await b.request("PUT", `/api/diary/entries/${id}`, {
            kind: "checkin",
            date: day(1),
            intensity: 9,
            base_revision: 0,
          })
        ).statusCode,
        409,
      );
      assert.equal(json(await b.request("GET", "/api/diary"))["total"], 0);
      const mine = json(await a.request("GET", "/api/diary"))["entries"];
      assert.deepEqual(
        mine.map((e: Json) => [e.intensity, e.revision]),
        [[2, 1]],
      );
    });

    test("diary: a create with a client id counts against the quota", async () => {
      const c = await client();
      const entries = Array.from({ length: 20 }, (_, n) => ({ kind: "checkin", date: day(30 - n), intensity: 1 }));
      assert.equal((await c.request("POST", "/api/diary/import", { entries })).statusCode, 201);
      const over = await c.request("POST", "/api/diary/entries", {
        kind: "checkin",
        date: day(1),
        intensity: 1,
        id: randomUUID(),
      });
      assert.equal(over.statusCode, 409);
      assert.equal(json(over)["problems"][0]["code"], "diary.quota");
      const overPut = await c.request("PUT", `/api/diary/entries/${randomUUID()}`, {
        kind: "checkin",
        date: day(1),
        intensity: 1,
        base_revision: 0,
      });
      assert.equal(json(overPut)["problems"][0]["code"], "diary.quota");
    });

    test("the account export holds the saved results; deleting the account removes them", async () => {
      const c = await client();
      const other = await client();
      const id = randomUUID();
      await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(0) });
      await other.request("PUT", `/api/results/${randomUUID()}`, { base_revision: 0, body: await saved(1) });
      const me = json(await c.request("GET", "/api/me"));
      const exported = json(await c.request("GET", "/api/me/export"));
      assert.deepEqual(
        exported["saved_results"].map((r: Json) => [r.id, r.revision, r.body]),
        [[id, 1, await saved(0)]],
      );
      assert.equal((await c.request("DELETE", "/api/me")).statusCode, 204);
      assert.deepEqual(await repo.listSavedResults(me["id"]), []);
      assert.equal(await repo.getSavedResult(me["id"], id), undefined);
      assert.equal(json(await other.request("GET", "/api/results"))["total"], 1, "another account keeps its own");
    });

    test("logs name the route, never a record's id or what it holds", async () => {
      const c = await client();
      const id = randomUUID();
      const entryId = randomUUID();
      const before = logs.length;
      await c.request("PUT", `/api/results/${id}`, {
        base_revision: 0,
        body: { ...(await saved(0)), knowledge_version: "k-logcheck" },
      });
      await c.request("PUT", `/api/results/${id}`, { base_revision: 0, body: await saved(1) });
      await c.request("POST", "/api/diary/entries", { kind: "checkin", date: day(1), intensity: 7, id: entryId });
      const lines = logs.slice(before).join("");
      assert.match(lines, /\/api\/results\/:id/, "the route template is logged");
      for (const secret of [id, entryId, "k-logcheck", "lower_back"])
        assert.ok(!lines.includes(secret), `${secret} is not in the logs`);
    });

    test("the API document describes the sync routes and their conflict answer", async () => {
      const doc = json(await app.inject("/api/openapi.json"));
      const put = doc["paths"]["/api/results/{id}"]["put"];
      assert.ok(put, "PUT /api/results/{id}");
      assert.ok(
        put["responses"]["409"]["content"]["application/json"]["schema"]["properties"]["current"],
        "the 409 documents current",
      );
      assert.ok(doc["paths"]["/api/results"]["get"]);
      assert.ok(doc["paths"]["/api/results/{id}"]["delete"]);
      const diaryPut = doc["paths"]["/api/diary/entries/{id}"]["put"];
      assert.ok(JSON.stringify(diaryPut["requestBody"]).includes("base_revision"));
    });
  });
}

test("every problem code of the sync API has a sentence in every language", () => {
  const k = defaultKnowledge();
  const keys = [
    "err.stale_revision",
    "err.sync_gone",
    "err.id_taken",
    "err.results_quota",
    "err.diary_quota",
    "err.payload_too_large",
  ];
  for (const lang of ["en", "ru"]) {
    for (const key of keys) {
      const t = k.locales[lang]?.[key];
      assert.ok(t && /[.!?]$/.test(t) && t.length > 15, `${lang} ${key} is a sentence`);
    }
  }
  assert.match(k.locales["ru"]!["err.stale_revision"]!, /[А-Яа-я]/);
});
