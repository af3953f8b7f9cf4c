import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Repository } from "../storage/repository.js";
import { testDatabases, type TestDatabase } from "../storage/test-databases.js";
import { Client, testApp } from "./test-app.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const json = (r: { body: string }): Json => JSON.parse(r.body) as Json;

for (const target of await testDatabases()) {
  describe(`API on ${target.name}`, { skip: target.skip }, () => {
    let db: TestDatabase;
    let app: FastifyInstance;
    let repo: Repository;
    let logs: string[];
    before(async () => {
      db = await target.make();
      ({ app, repo, logs } = await testApp(db));
    });
    after(async () => {
      await app.close();
      await repo.close();
      await db.drop();
    });

    /** Answers the current question: the first option, "none" for a checklist, or a middle number. */
    async function answerCurrent(c: Client, i: Json, overrides: Record<string, unknown> = {}): Promise<Json> {
      const q = i["step"]["question"];
      let value: unknown = overrides[q.id];
      if (value === undefined) {
        if (q.kind === "checklist") value = [];
        else if (q.kind === "number" || q.kind === "integer") value = q.id === "age" ? 30 : 2;
        else if (q.kind === "multi") value = [q.options[0].value];
        else if (q.kind === "boolean") value = false;
        else value = q.options[0].value;
      }
      const r = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: q.id,
        answer: value,
        revision: i["revision"],
      });
      assert.equal(r.statusCode, 200, r.body);
      return json(r);
    }

    test("health, locales, the OpenAPI document and the docs page", async () => {
      assert.deepEqual(json(await app.inject("/api/health")), { status: "ok", storage: target.name });
      const en = await app.inject("/api/locales/en");
      assert.equal(en.statusCode, 200);
      assert.match(json(en)["disclaimer"], /does not examine you/);
      assert.equal((await app.inject("/api/locales/xx")).statusCode, 404);
      assert.equal((await app.inject("/api/locales/english")).statusCode, 400);
      const doc = json(await app.inject("/api/openapi.json"));
      assert.equal(doc["openapi"], "3.1.0");
      for (const p of [
        "/api/assess",
        "/api/interviews",
        "/api/interviews/{id}/answer",
        "/api/auth/login",
        "/api/me/export",
      ])
        assert.ok(doc["paths"][p], p);
      // The documented body is the schema the handler validates with: the contract's fields.
      const body = doc["paths"]["/api/assess"]["post"]["requestBody"]["content"]["application/json"]["schema"];
      assert.equal(body["additionalProperties"], false);
      assert.deepEqual(body["properties"]["intensity"], {
        type: "integer",
        minimum: 0,
        maximum: 10,
        description: "0 no pain, 10 worst imaginable.",
      });
      const docs = await app.inject("/api/docs/");
      assert.equal(docs.statusCode, 200);
      assert.match(docs.body, /swagger/i);
      assert.match((await app.inject("/")).body, /does not replace a doctor/);
    });

    test("security headers are set", async () => {
      const r = await app.inject("/api/health");
      assert.match(String(r.headers["content-security-policy"]), /default-src 'self'/);
      assert.equal(r.headers["x-content-type-options"], "nosniff");
      assert.ok(r.headers["x-frame-options"]);
    });

    test("POST /api/assess: a case in, an assessment out", async () => {
      const r = await app.inject({ method: "POST", url: "/api/assess", payload: { age: 40, saddle_numbness: true } });
      assert.equal(r.statusCode, 200);
      const a = json(r);
      assert.equal(a["triage"], "emergency");
      assert.equal(a["conditions"][0]["id"], "cauda_equina_syndrome");
      assert.ok(a["reasons"][0]["sources"].length > 0, "the trace survives serialisation");
      assert.ok(a["conditions"][0]["for"][0]["facts"].length > 0);
      assert.match(a["disclaimer"], /replace a doctor/);
      const ru = json(await app.inject({ method: "POST", url: "/api/assess?lang=ru", payload: { age: 40 } }));
      assert.match(ru["disclaimer"], /не заменяет врача/);
    });

    test("POST /api/assess: bad input gets 400 with every problem and its path", async () => {
      const r = await app.inject({
        method: "POST",
        url: "/api/assess",
        payload: { age: 300, intensity: 11, foo: 1, sex: "x" },
      });
      assert.equal(r.statusCode, 400);
      const paths = json(r)["problems"].map((p: Json) => `${p.path}: ${p.message}`);
      for (const expected of [
        "body.age: must be <= 120",
        "body.intensity: must be <= 10",
        "body.foo: unknown field",
        "body.sex: must be one of: female, male",
      ]) {
        assert.ok(paths.includes(expected), `${expected} in ${paths.join(" | ")}`);
      }
      const semantic = await app.inject({
        method: "POST",
        url: "/api/assess",
        payload: { age: 30, pregnancy_weeks: 10 },
      });
      assert.equal(semantic.statusCode, 400);
      assert.equal(json(semantic)["problems"][0]["path"], "body.pregnancy_weeks");
      const missing = await app.inject({ method: "POST", url: "/api/assess", payload: {} });
      assert.equal(json(missing)["problems"][0]["path"], "body.age");
    });

    test("not JSON, wrong type, too large, unknown route: clear errors, no stack traces", async () => {
      const broken = await app.inject({
        method: "POST",
        url: "/api/assess",
        headers: { "content-type": "application/json" },
        payload: "{ age: ",
      });
      assert.equal(broken.statusCode, 400);
      assert.equal(json(broken)["error"], "invalid_request");
      const text = await app.inject({
        method: "POST",
        url: "/api/assess",
        headers: { "content-type": "text/plain" },
        payload: "age=3",
      });
      assert.equal(text.statusCode, 415);
      const big = await app.inject({
        method: "POST",
        url: "/api/assess",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify({ age: 3, pad: "x".repeat(100_000) }),
      });
      assert.equal(big.statusCode, 413);
      const nowhere = await app.inject("/api/nowhere");
      assert.equal(nowhere.statusCode, 404);
      for (const r of [broken, text, big, nowhere]) assert.doesNotMatch(r.body, /at .+:\d+:\d+|node_modules/);
    });

    test("interview: start, answer, go back, revise, finish; any instance can continue from storage", async () => {
      const c = new Client(app);
      const start = await c.request("POST", "/api/interviews", {});
      assert.equal(start.statusCode, 201);
      let i = json(start);
      assert.equal(i["step"]["question"]["id"], "age");
      i = await answerCurrent(c, i, { age: 34 });
      const second = i["step"]["question"]["id"];
      const got = json(await c.request("GET", `/api/interviews/${i["id"]}`));
      assert.equal(got["step"]["question"]["id"], second);
      assert.deepEqual(got["state"], i["state"]);

      const backed = json(await c.request("POST", `/api/interviews/${i["id"]}/back`, { revision: i["revision"] }));
      assert.equal(backed["step"]["question"]["id"], "age");
      i = await answerCurrent(c, backed, { age: 34 });
      for (let n = 0; n < 40 && !i["step"]["done"]; n++) i = await answerCurrent(c, i, { sex: "male", injury: "none" });
      assert.equal(i["step"]["done"], true);
      assert.ok(["self_care", "doctor", "urgent", "emergency"].includes(i["step"]["result"]["triage"]));

      const revised = json(
        await c.request("POST", `/api/interviews/${i["id"]}/back`, { revision: i["revision"], question: "age" }),
      );
      assert.equal(revised["step"]["question"]["id"], "age");
      assert.equal(revised["state"]["steps"].length, 0);
    });

    test("interview: wrong question, stale revision, bad answer, unknown or malformed id", async () => {
      const c = new Client(app);
      const i = json(await c.request("POST", "/api/interviews", { lang: "en" }));
      const wrongQ = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "sex",
        answer: "male",
        revision: 0,
      });
      assert.equal(wrongQ.statusCode, 409);
      assert.equal(json(wrongQ)["problems"][0]["code"], "not_current_question");
      const bad = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "age",
        answer: 500,
        revision: 0,
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(json(bad)["problems"][0]["path"], "body.answer.age");
      const noAge = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "age",
        answer: "unknown",
        revision: 0,
      });
      assert.equal(noAge.statusCode, 400);
      await answerCurrent(c, i);
      const stale = await c.request("POST", `/api/interviews/${i["id"]}/answer`, {
        question: "sex",
        answer: "male",
        revision: 0,
      });
      assert.equal(stale.statusCode, 409);
      assert.equal(json(stale)["problems"][0]["code"], "stale_revision");
      const missingFields = await c.request("POST", `/api/interviews/${i["id"]}/answer`, { answer: 3 });
      assert.equal(missingFields.statusCode, 400);
      assert.deepEqual(
        json(missingFields)
          ["problems"].map((p: Json) => p.path)
          .sort(),
        ["body.question", "body.revision"],
      );
      assert.equal((await c.request("GET", `/api/interviews/${randomUUID()}`)).statusCode, 404);
      assert.equal((await c.request("GET", "/api/interviews/not-a-uuid")).statusCode, 400);
      const lang = await c.request("POST", "/api/interviews", { lang: "xx" });
      assert.equal(lang.statusCode, 400);
      const badRevise = await c.request("POST", `/api/interviews/${i["id"]}/back`, {
        revision: 1,
        question: "never_asked",
      });
      assert.equal(badRevise.statusCode, 400);
    });

    test("accounts: register, duplicate, bad input, log in, wrong password, me, log out", async () => {
      const c = new Client(app);
      const email = `Reg-${randomUUID()}@Example.org`;
      const reg = await c.register(email);
      assert.equal(reg.statusCode, 201, reg.body);
      assert.equal(json(reg)["user"]["email"], email.toLowerCase());
      const session = reg.cookies.find((x) => x.name === "bc_session");
      assert.ok(session?.httpOnly, "the session cookie is http-only");
      assert.equal(session?.sameSite, "Lax");
      assert.ok(!reg.body.includes("password"));
      assert.equal((await c.request("GET", "/api/me")).statusCode, 200);

      // Registering an existing address: its own password logs in; any other gets a 409 that names nothing.
      const again = await new Client(app).register(email);
      assert.equal(again.statusCode, 200, "the right password logs into the existing account");
      const taken = await new Client(app).register(email, "another password!");
      assert.equal(taken.statusCode, 409);
      assert.equal(json(taken)["problems"][0]["code"], "registration_refused");
      const badInput = await new Client(app).request("POST", "/api/auth/register", {
        email: "not-an-email",
        password: "short",
      });
      assert.equal(badInput.statusCode, 400);
      assert.deepEqual(
        json(badInput)
          ["problems"].map((p: Json) => p.path)
          .sort(),
        ["body.email", "body.password"],
      );

      const badLogin = await new Client(app).request("POST", "/api/auth/login", { email: 5, extra: true });
      assert.equal(badLogin.statusCode, 400);
      assert.deepEqual(
        json(badLogin)
          ["problems"].map((p: Json) => p.path)
          .sort(),
        ["body.email", "body.extra", "body.password"],
      );
      assert.equal((await c.request("POST", "/api/auth/logout")).statusCode, 204);
      assert.equal((await c.request("GET", "/api/me")).statusCode, 401);
      const wrong = await c.request("POST", "/api/auth/login", { email, password: "wrong password!" });
      assert.equal(wrong.statusCode, 401);
      const unknown = await c.request("POST", "/api/auth/login", {
        email: "nobody@example.org",
        password: "wrong password!",
      });
      assert.deepEqual(json(unknown), json(wrong), "an unknown e-mail and a wrong password look the same");
      const ok = await c.request("POST", "/api/auth/login", { email, password: "correct horse battery" });
      assert.equal(ok.statusCode, 200);
      assert.equal(json(await c.request("GET", "/api/me"))["email"], email.toLowerCase());
    });

    test("CSRF: a cookie-authenticated write without the token is refused", async () => {
      const c = new Client(app);
      await c.register(`csrf-${randomUUID()}@example.org`);
      const forged = await c.request("DELETE", "/api/me", undefined, { csrf: false });
      assert.equal(forged.statusCode, 403);
      assert.equal((await c.request("GET", "/api/me")).statusCode, 200, "the account is still there");
      const forgedStart = await c.request("POST", "/api/interviews", {}, { csrf: false });
      assert.equal(forgedStart.statusCode, 403);
    });

    test("history, export and deletion of an account", async () => {
      const c = new Client(app);
      const email = `hist-${randomUUID()}@example.org`;
      await c.register(email);
      let i = json(await c.request("POST", "/api/interviews", {}));
      for (let n = 0; n < 40 && !i["step"]["done"]; n++)
        i = await answerCurrent(c, i, { age: 40, injury: "none", sex: "female" });
      const history = json(await c.request("GET", "/api/me/assessments"));
      assert.equal(history.length, 1);
      assert.equal(history[0]["interview_id"], i["id"]);
      const exp = await c.request("GET", "/api/me/export");
      assert.match(String(exp.headers["content-disposition"]), /attachment/);
      const data = json(exp);
      assert.equal(data["user"]["email"], email);
      assert.equal(data["interviews"].length, 1);
      assert.equal(data["assessments"].length, 1);
      assert.ok(!exp.body.includes("password"));
      assert.equal((await c.request("DELETE", "/api/me")).statusCode, 204);
      assert.equal((await c.request("GET", "/api/me")).statusCode, 401);
      assert.equal(await repo.findUserByEmail(email), undefined);
      assert.equal(await repo.getInterview(i["id"]), undefined);
      const relogin = await new Client(app).request("POST", "/api/auth/login", {
        email,
        password: "correct horse battery",
      });
      assert.equal(relogin.statusCode, 401);
    });

    test("isolation: user B can never read, change or delete user A's data, by any id", async () => {
      const a = new Client(app);
      const b = new Client(app);
      const anonymous = new Client(app);
      await a.register(`a-${randomUUID()}@example.org`);
      await b.register(`b-${randomUUID()}@example.org`);
      let ia = json(await a.request("POST", "/api/interviews", {}));
      for (let n = 0; n < 40 && !ia["step"]["done"]; n++)
        ia = await answerCurrent(a, ia, { age: 50, injury: "none", sex: "male" });
      const id = ia["id"];
      for (const who of [b, anonymous]) {
        assert.equal((await who.request("GET", `/api/interviews/${id}`)).statusCode, 404);
        assert.equal(
          (
            await who.request("POST", `/api/interviews/${id}/answer`, {
              question: "age",
              answer: 1,
              revision: ia["revision"],
            })
          ).statusCode,
          404,
        );
        assert.equal(
          (await who.request("POST", `/api/interviews/${id}/back`, { revision: ia["revision"] })).statusCode,
          404,
        );
      }
      assert.deepEqual(json(await b.request("GET", "/api/me/assessments")), []);
      const bExport = json(await b.request("GET", "/api/me/export"));
      assert.deepEqual(bExport["interviews"], []);
      assert.ok(!JSON.stringify(bExport).includes(id));
      assert.equal((await b.request("DELETE", "/api/me")).statusCode, 204);
      assert.equal((await a.request("GET", `/api/interviews/${id}`)).statusCode, 200, "A's data survives B's deletion");
      assert.equal(json(await a.request("GET", "/api/me/assessments")).length, 1);
      assert.equal((await anonymous.request("GET", "/api/me/export")).statusCode, 401);
    });

    test("diary: entries, follow-up, edit, delete, export as JSON and CSV, import; bad input stores nothing", async () => {
      const c = new Client(app);
      assert.equal((await c.request("GET", "/api/diary")).statusCode, 401);
      await c.register(`diary-${randomUUID()}@example.org`);
      const today = new Date().toISOString().slice(0, 10);
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const w = await c.request("POST", "/api/diary/entries", {
        kind: "workout",
        date: yesterday,
        activity: "weightlifting",
        exercises: [{ exercise: "deadlift", sets: 5, load_kg: 100 }],
        warmed_up: true,
      });
      assert.equal(w.statusCode, 201, w.body);
      const ci = await c.request("POST", "/api/diary/entries", { kind: "checkin", date: today, intensity: 4, age: 30 });
      assert.equal(ci.statusCode, 201);
      const view = json(ci);
      assert.equal(view["entries"], undefined, "a write answers with the entry and the follow-up, not the diary");
      assert.equal(view["entry"]["intensity"], 4);
      assert.equal(json(await c.request("GET", "/api/diary"))["entries"].length, 2);
      assert.equal(view["follow_up"]["course"]["intensity"], 4);
      assert.ok(["self_care", "doctor", "urgent", "emergency"].includes(view["follow_up"]["triage"]));

      for (const [body, path] of [
        [{ kind: "checkin", date: "2999-01-01", intensity: 3 }, "body.date"],
        [{ kind: "checkin", date: today, intensity: 12 }, "body.intensity"],
        [
          { kind: "workout", date: today, activity: "weightlifting", exercises: [{ exercise: "kettlebell_juggling" }] },
          "body.exercises[0].exercise",
        ],
      ] as const) {
        const bad = await c.request("POST", "/api/diary/entries", body);
        assert.equal(bad.statusCode, 400, JSON.stringify(body));
        assert.equal(json(bad)["problems"][0]["path"], path);
      }
      assert.equal(json(await c.request("GET", "/api/diary"))["entries"].length, 2, "nothing stored from bad input");

      const night = await c.request("POST", "/api/diary/entries", {
        kind: "checkin",
        date: today,
        intensity: 5,
        findings: { night_pain: true },
      });
      // Night pain without an explanation is on the NHS list for an urgent GP appointment.
      assert.equal(json(night)["follow_up"]["triage"], "urgent");
      assert.equal(json(night)["follow_up"]["changed"], true);

      const id = json(ci)["entry"]["id"];
      const edited = await c.request("PUT", `/api/diary/entries/${id}`, {
        kind: "checkin",
        date: today,
        intensity: 2,
        age: 30,
      });
      assert.equal(edited.statusCode, 200);
      assert.deepEqual(
        json(edited)["entry"],
        { kind: "checkin", date: today, intensity: 2, age: 30, id, revision: 2 },
        "the answer carries the new revision (a blind write from an old client counts it up too)",
      );
      assert.ok(
        json(await c.request("GET", "/api/diary"))["entries"].some((e: Json) => e.id === id && e.intensity === 2),
      );
      assert.equal((await c.request("DELETE", `/api/diary/entries/${id}`)).statusCode, 200);
      assert.equal((await c.request("DELETE", `/api/diary/entries/${id}`)).statusCode, 404);

      const csv = await c.request("GET", "/api/diary/export?format=csv");
      assert.match(String(csv.headers["content-type"]), /text\/csv/);
      assert.match(csv.body, /^id,kind,date,activity,exercises/);
      assert.match(csv.body, /deadlift:5:100/);
      const exported = json(await c.request("GET", "/api/diary/export"));
      assert.equal(exported["entries"].length, 2);

      const other = new Client(app);
      await other.register(`diary-b-${randomUUID()}@example.org`);
      const wid = json(w)["entry"]["id"];
      assert.equal(
        (await other.request("PUT", `/api/diary/entries/${wid}`, { kind: "checkin", date: today, intensity: 1 }))
          .statusCode,
        404,
      );
      assert.equal((await other.request("DELETE", `/api/diary/entries/${wid}`)).statusCode, 404);
      assert.deepEqual(json(await other.request("GET", "/api/diary"))["entries"], []);
      const badImport = await other.request("POST", "/api/diary/import", {
        entries: [...exported["entries"], { kind: "checkin", date: today, intensity: 99 }],
      });
      assert.equal(badImport.statusCode, 400);
      assert.equal(json(badImport)["problems"][0]["path"], "body.entries[2].intensity");
      assert.deepEqual(
        json(await other.request("GET", "/api/diary"))["entries"],
        [],
        "an import with one bad entry stores nothing",
      );
      const imported = await other.request("POST", "/api/diary/import", { entries: exported["entries"] });
      assert.equal(imported.statusCode, 201);
      assert.equal(json(imported)["imported"], 2);
      assert.equal(
        json(await c.request("GET", "/api/diary"))["entries"].length,
        2,
        "the original owner's entries are untouched",
      );
    });

    test("logs name the route template, never an id: a session of requests leaves none of its ids in the log", async () => {
      const start = logs.length;
      const ids: string[] = [];
      const anonymous = new Client(app);
      const ai = json(await anonymous.request("POST", "/api/interviews", {}));
      ids.push(ai["id"]);
      await answerCurrent(anonymous, ai, { age: 41 });
      await anonymous.request("GET", `/api/interviews/${ai["id"]}?lang=ru`);
      await anonymous.request("POST", `/api/interviews/${ai["id"]}/back`, { revision: 1 });
      await anonymous.request("GET", `/api/interviews/${ai["id"]}/no-such-thing`);
      const c = new Client(app);
      const reg = json(await c.register(`logs-${randomUUID()}@example.org`));
      ids.push(reg["user"]["id"]);
      const oi = json(await c.request("POST", "/api/interviews", {}));
      ids.push(oi["id"]);
      const e = json(
        await c.request("POST", "/api/diary/entries", { kind: "checkin", date: "2026-01-02", intensity: 3, age: 30 }),
      );
      ids.push(e["entry"]["id"]);
      await c.request("PUT", `/api/diary/entries/${e["entry"]["id"]}`, {
        kind: "checkin",
        date: "2026-01-02",
        intensity: 4,
      });
      await c.request("DELETE", `/api/diary/entries/${e["entry"]["id"]}`);
      await c.request("GET", `/api/interviews/${randomUUID()}`);
      const missing = randomUUID();
      ids.push(missing);
      await c.request("DELETE", `/api/diary/entries/${missing}`);
      const session = logs.slice(start).join("");
      assert.match(session, /"route":"\/api\/interviews\/:id\/answer"/, "the template is logged");
      for (const id of ids) assert.ok(!session.includes(id), `${id} is in the log`);
    });

    test("logs carry no personal data: no e-mail, no answers, no cookies", async () => {
      const c = new Client(app);
      const email = `private-${randomUUID()}@example.org`;
      await c.register(email);
      await app.inject({
        method: "POST",
        url: "/api/assess?note=secret-query",
        payload: { age: 61, history_of_cancer: true },
      });
      const i = json(await c.request("POST", "/api/interviews", {}));
      await answerCurrent(c, i, { age: 77 });
      const all = logs.join("");
      assert.ok(all.includes("/api/assess"), "requests are logged");
      for (const secret of [email, "history_of_cancer", "secret-query", "correct horse", c.cookies["bc_session"]!])
        assert.ok(!all.includes(secret), secret);
    });
  });
}

describe("API edge cases", () => {
  test("login and registration are rate limited", async () => {
    const { sqliteTestDatabase } = await import("../storage/test-databases.js");
    const db = sqliteTestDatabase();
    const { app, repo } = await testApp(db, { authRateLimit: 3 });
    const codes: number[] = [];
    for (let n = 0; n < 5; n++)
      codes.push(
        (
          await app.inject({
            method: "POST",
            url: "/api/auth/login",
            payload: { email: "x@example.org", password: "whatever12" },
          })
        ).statusCode,
      );
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
    await app.close();
    await repo.close();
    await db.drop();
  });

  test("an unexpected failure is a bare 500 without internals", async () => {
    const { sqliteTestDatabase } = await import("../storage/test-databases.js");
    const db = sqliteTestDatabase();
    const broken = new Proxy({} as Json, {
      get: (_t, prop) =>
        prop === "kind"
          ? "sqlite"
          : prop === "close"
            ? async () => {}
            : async () => {
                throw new Error("database exploded at /secret/path.ts:12:3");
              },
    });
    const { app } = await testApp(db, { repo: broken as unknown as Repository });
    const r = await app.inject({ method: "POST", url: "/api/interviews", payload: {} });
    assert.equal(r.statusCode, 500);
    assert.equal(json(r)["error"], "internal_error");
    assert.doesNotMatch(r.body, /exploded|secret|\.ts/);
    await app.close();
    await db.drop();
  });
});
