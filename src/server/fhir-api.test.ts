import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type {
  Bundle,
  ClinicalImpression,
  Condition,
  OperationOutcome,
  Questionnaire,
  QuestionnaireResponse,
  Resource,
} from "@medplum/fhirtypes";
import type { FastifyInstance } from "fastify";
import fc from "fast-check";
import { Client } from "fhir-kit-client";
import { parseVignettes } from "../eval/vignettes.js";
import { defaultKnowledge } from "../knowledge/load.js";
import { sdcProblems } from "../fhir/profiles.js";
import { answerItem, lastQuestion } from "../fhir/test-client.js";
import { ASSESSMENT_EXTENSION, URGENCY_EXTENSION } from "../fhir/urls.js";
import { fhirProblems } from "../fhir/validate.js";
import { UNKNOWN } from "../interview/answer.js";
import type { Repository } from "../storage/repository.js";
import { sqliteTestDatabase, type TestDatabase } from "../storage/test-databases.js";
import { Client as Browser, testApp } from "./test-app.js";

const k = defaultKnowledge();
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const dev = (() => {
  const v = parseVignettes(
    JSON.parse(readFileSync(new URL("../../../shared/vignettes/dev.json", import.meta.url), "utf8")),
  );
  assert.ok(v.ok);
  return v.value;
})();

function allResources(r: Resource): Resource[] {
  const contained = ((r as { contained?: Resource[] }).contained ?? []).flatMap(allResources);
  const entries =
    r.resourceType === "Bundle"
      ? ((r as Bundle).entry ?? []).flatMap((e) => (e.resource ? allResources(e.resource) : []))
      : [];
  return [r, ...contained, ...entries];
}
const assertValid = (r: Resource, label: string): void => {
  for (const x of allResources(r)) assert.deepEqual(fhirProblems(x), [], `${label}: ${x.resourceType}`);
};
const conditionIds = (rs: Resource[]): string[] =>
  rs
    .filter((r): r is Condition => r.resourceType === "Condition")
    .map((c) => c.code!.coding!.find((x) => x.system!.endsWith("backcheck-condition"))!.code!);
function urgencyOf(qr: QuestionnaireResponse): string | undefined {
  const ref = qr.extension?.find((e) => e.url === ASSESSMENT_EXTENSION)?.valueReference?.reference;
  const ci = qr.contained?.find((r) => `#${r.id}` === ref) as ClinicalImpression | undefined;
  return ci?.extension?.find((e) => e.url === URGENCY_EXTENSION)?.valueCoding?.code;
}

describe("FHIR and CDS Hooks over HTTP", () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let repo: Repository;
  let base: string;
  let client: Client;
  before(async () => {
    db = sqliteTestDatabase();
    ({ app, repo } = await testApp(db));
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    client = new Client({ baseUrl: `${base}/fhir` });
  });
  after(async () => {
    await app.close();
    await repo.close();
    await db.drop();
  });

  /** The whole interview through $next-question with fhir-kit-client, answering from the case. */
  async function fhirInterview(c: Record<string, unknown>): Promise<{ asked: string[]; final: QuestionnaireResponse }> {
    let qr: QuestionnaireResponse = { resourceType: "QuestionnaireResponse", status: "in-progress" };
    const asked: string[] = [];
    for (let i = 0; i < 200; i++) {
      qr = (await client.operation({
        name: "$next-question",
        resourceType: "Questionnaire",
        input: qr as never,
      })) as unknown as QuestionnaireResponse;
      assert.deepEqual(sdcProblems(qr.contained![0] as Questionnaire), []);
      if (qr.status === "completed") return { asked, final: qr };
      const item = lastQuestion(qr);
      asked.push(...(item.type === "group" ? (item.item ?? []).map((x) => x.linkId) : [item.linkId]));
      qr = { ...qr, item: [...(qr.item ?? []), answerItem(item, c)] };
    }
    assert.fail("the interview did not end");
  }

  /** The same interview through the native API (what the web app does). */
  async function nativeInterview(c: Record<string, unknown>): Promise<{ id: string; asked: string[]; result: Json }> {
    let i = (await app.inject({ method: "POST", url: "/api/interviews", payload: {} })).json() as Json;
    const asked: string[] = [];
    while (!i["step"]["done"]) {
      const q = i["step"]["question"];
      asked.push(...q.fields);
      const value =
        q.kind === "checklist"
          ? Object.fromEntries(q.fields.map((f: string) => [f, c[f] ?? UNKNOWN]))
          : (c[q.id] ?? UNKNOWN);
      const r = await app.inject({
        method: "POST",
        url: `/api/interviews/${i["id"]}/answer`,
        payload: { question: q.id, answer: value, revision: i["revision"] },
      });
      assert.equal(r.statusCode, 200, r.body);
      i = r.json() as Json;
    }
    return { id: i["id"], asked, result: i["step"]["result"] };
  }

  test("metadata, the Questionnaire and the CodeSystem through fhir-kit-client", async () => {
    const cs = (await client.capabilityStatement()) as Json;
    assert.equal(cs["fhirVersion"], "4.0.1");
    assert.ok(
      cs["rest"][0]["resource"].some(
        (r: Json) => r["type"] === "Questionnaire" && r["operation"][0]["name"] === "next-question",
      ),
    );
    const q = (await client.read({ resourceType: "Questionnaire", id: "backcheck" })) as Json;
    assert.equal(q["resourceType"], "Questionnaire");
    assert.equal(q["item"][0]["linkId"], "age");
    assert.deepEqual(sdcProblems(q as unknown as Questionnaire), []);
    const ru = (await new Client({
      baseUrl: `${base}/fhir`,
      customHeaders: { "accept-language": "ru-RU,ru;q=0.9" },
    }).read({ resourceType: "Questionnaire", id: "backcheck" })) as Json;
    assert.match(ru["item"][0]["text"], /[А-Яа-я]/);
    const findings = (await client.read({ resourceType: "CodeSystem", id: "backcheck-finding" })) as Json;
    assert.ok(findings["concept"].some((c: Json) => c["code"] === "saddle_numbness"));
    const res = await fetch(`${base}/fhir/Questionnaire/other`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as Json)["resourceType"], "OperationOutcome");
  });

  test("round trip: the same questions and the same result as the native API, for every dev vignette", async () => {
    for (const v of dev) {
      const c = v.case as unknown as Record<string, unknown>;
      const native = await nativeInterview(c);
      const { asked, final } = await fhirInterview(c);
      assert.deepEqual(asked, native.asked, `${v.id}: questions`);
      assert.equal(urgencyOf(final), native.result["triage"], `${v.id}: urgency`);
      // The Bundle carries the listed causes and, after them, the serious ones a doctor must rule out.
      const expected = [
        ...new Set([
          ...native.result["conditions"].map((x: Json) => x["id"]),
          ...(native.result["must_rule_out"] ?? []).map((x: Json) => x["id"]),
        ]),
      ];
      assert.deepEqual(conditionIds(final.contained ?? []), expected, `${v.id}: conditions`);
      assertValid(final, v.id);
      // The stored interview's result as a Bundle, both forms, valid.
      for (const type of ["collection", "document"]) {
        const b = await app.inject(`/api/interviews/${native.id}/fhir?type=${type}`);
        assert.equal(b.statusCode, 200, b.body);
        assertValid(b.json() as Bundle, `${v.id} ${type}`);
      }
    }
  });

  test("an unfinished interview has no FHIR result yet", async () => {
    const i = (await app.inject({ method: "POST", url: "/api/interviews", payload: {} })).json() as Json;
    assert.equal((await app.inject(`/api/interviews/${i["id"]}/fhir`)).statusCode, 409);
    assert.equal((await app.inject(`/api/interviews/${randomUUID()}/fhir`)).statusCode, 404);
  });

  test("POST /fhir/$assess: a case in, a Bundle (collection or document) out; the same urgency as /api/assess", async () => {
    for (const v of dev.slice(0, 8)) {
      const native = (await app.inject({ method: "POST", url: "/api/assess", payload: v.case })).json() as Json;
      const r = await fetch(`${base}/fhir/$assess?type=document`, {
        method: "POST",
        headers: { "content-type": "application/fhir+json" },
        body: JSON.stringify(v.case),
      });
      assert.equal(r.status, 200);
      assert.match(String(r.headers.get("content-type")), /application\/fhir\+json/);
      const b = (await r.json()) as Bundle;
      assert.equal(b.type, "document");
      assertValid(b, v.id);
      const ci = b
        .entry!.map((e) => e.resource!)
        .find((x): x is ClinicalImpression => x.resourceType === "ClinicalImpression")!;
      assert.equal(ci.extension?.[0]?.valueCoding?.code, native["triage"]);
    }
  });

  test("bad FHIR input: 400 with an OperationOutcome naming each path, never a 500", async () => {
    const post = async (path: string, body: string, type = "application/fhir+json") => {
      const r = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": type }, body });
      return { status: r.status, body: (await r.json()) as OperationOutcome };
    };
    const bad = await post(
      "/fhir/Questionnaire/$next-question",
      JSON.stringify({
        resourceType: "QuestionnaireResponse",
        status: "in-progress",
        item: [{ linkId: "age", answer: [{ valueBoolean: "x" }] }, { linkId: "shoe" }],
      }),
    );
    assert.equal(bad.status, 400);
    assert.equal(bad.body.resourceType, "OperationOutcome");
    assert.ok(
      bad.body.issue.every((i) => i.expression?.[0]),
      JSON.stringify(bad.body),
    );
    assert.ok(
      bad.body.issue.some((i) => i.expression![0]!.startsWith("QuestionnaireResponse.item[0]")),
      JSON.stringify(bad.body),
    );
    const assessBad = await post("/fhir/$assess", JSON.stringify({ age: 300, colour: "blue" }));
    assert.equal(assessBad.status, 400);
    assert.ok(
      assessBad.body.issue.some((i) => i.expression?.[0] === "body.age"),
      JSON.stringify(assessBad.body),
    );
    assert.equal((await post("/fhir/Questionnaire/$next-question", "{not json")).status, 400);
    assert.equal(
      (await post("/fhir/Questionnaire/$next-question", JSON.stringify({ resourceType: "Patient" }))).status,
      400,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc
            .record({
              resourceType: fc.constant("QuestionnaireResponse"),
              status: fc.constantFrom("in-progress", "completed"),
              item: fc.array(
                fc.record({
                  linkId: fc.constantFrom("age", "sex", "group.nerve_signs", "intensity", "x"),
                  answer: fc.array(
                    fc.dictionary(
                      fc.constantFrom("valueBoolean", "valueInteger", "valueCoding", "valueDecimal"),
                      fc.jsonValue(),
                    ),
                    { maxLength: 2 },
                  ),
                }),
                { maxLength: 3 },
              ),
            })
            .map((x) => JSON.stringify(x)),
        ),
        async (body) => {
          for (const path of ["/fhir/Questionnaire/$next-question", "/fhir/$assess"]) {
            const r = await post(path, body);
            assert.ok(r.status === 200 || r.status === 400, `${path} ${body} -> ${r.status}`);
            if (r.status === 400) assert.equal(r.body.resourceType, "OperationOutcome");
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("the diary exports as FHIR Observations over time", async () => {
    const c = new Browser(app);
    await c.register(`fhir-${randomUUID()}@example.org`);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    assert.equal(
      (
        await c.request("POST", "/api/diary/entries", {
          kind: "workout",
          date: yesterday,
          activity: "weightlifting",
          exercises: [{ exercise: "deadlift", sets: 5, load_kg: 100 }],
          warmed_up: false,
          hours: 1.5,
          effort: 8,
        })
      ).statusCode,
      201,
    );
    assert.equal(
      (
        await c.request("POST", "/api/diary/entries", {
          kind: "checkin",
          date: today,
          intensity: 4,
          age: 30,
          location: ["lower_back"],
          findings: { night_pain: false },
        })
      ).statusCode,
      201,
    );
    const r = await c.request("GET", "/api/diary/export?format=fhir");
    assert.equal(r.statusCode, 200);
    const b = r.json() as Bundle;
    assertValid(b, "diary");
    const obs = b.entry!.map((e) => e.resource as Json).filter((x) => x["resourceType"] === "Observation");
    const pain = obs.find((o) => o["code"]["coding"].some((x: Json) => x["code"] === "72514-3"))!;
    assert.equal(pain["valueInteger"], 4);
    assert.equal(pain["effectiveDateTime"], today);
    const workout = obs.find((o) => o["category"][0]["coding"][0]["code"] === "activity")!;
    assert.equal(workout["effectiveDateTime"], yesterday);
    assert.equal(workout["valueCodeableConcept"]["coding"][0]["code"], "activity.weightlifting");
    assert.equal((await new Browser(app).request("GET", "/api/diary/export?format=fhir")).statusCode, 401);
  });

  test("CDS Hooks: discovery, a card from a case or a completed response, bad requests as OperationOutcome", async () => {
    const d = (await app.inject("/cds-services")).json() as Json;
    assert.equal(d["services"][0]["id"], "backcheck-triage");
    assert.equal(d["services"][0]["hook"], "patient-view");
    const hook = (prefetch: Json) =>
      app.inject({
        method: "POST",
        url: "/cds-services/backcheck-triage",
        payload: {
          hook: "patient-view",
          hookInstance: randomUUID(),
          context: { patientId: "p1", userId: "Practitioner/1" },
          prefetch,
        },
      });
    const emergency = (await hook({ case: { age: 40, saddle_numbness: true, bladder_problem: true } })).json() as Json;
    const card = emergency["cards"][0];
    assert.equal(card["indicator"], "critical");
    assert.ok(card["summary"].length < 140, card["summary"]);
    assert.ok(card["source"]["label"].startsWith("backcheck"));
    const mild = ((await hook({ case: { age: 28, intensity: 3 } })).json() as Json)["cards"][0];
    assert.equal(mild["indicator"], "info");
    const linkedCards = [card, mild].filter((c) => c["source"]["url"]);
    assert.ok(linkedCards.length > 0);
    for (const c of linkedCards) {
      const linked = k.sources.filter((s) => s.url === c["source"]["url"]);
      assert.ok(
        linked.some((s) => c["source"]["label"].includes(s.title)),
        "the source's label and link name the same source",
      );
    }
    const v = dev[0]!;
    const { final } = await fhirInterview(v.case as unknown as Record<string, unknown>);
    const fromQr = (
      await hook({ questionnaireResponse: { resourceType: "Bundle", type: "searchset", entry: [{ resource: final }] } })
    ).json() as Json;
    const native = (await app.inject({ method: "POST", url: "/api/assess", payload: v.case })).json() as Json;
    assert.ok(fromQr["cards"], JSON.stringify(fromQr));
    assert.ok(
      fromQr["cards"][0]["summary"].startsWith(k.locales["en"]![`triage.${native["triage"]}.label`]!),
      fromQr["cards"][0]["summary"],
    );
    assert.equal(
      fromQr["cards"][0]["indicator"],
      { emergency: "critical", urgent: "warning", doctor: "warning", self_care: "info" }[native["triage"] as string],
    );
    const bad = await hook({});
    assert.equal(bad.statusCode, 400);
    assert.equal((bad.json() as Json)["resourceType"], "OperationOutcome");
    const noHook = await app.inject({
      method: "POST",
      url: "/cds-services/backcheck-triage",
      payload: { prefetch: {} },
    });
    assert.equal(noHook.statusCode, 400);
    assert.ok(((noHook.json() as Json)["issue"] as Json[]).some((i) => /hook/.test(JSON.stringify(i))));
  });

  test("the FHIR and CDS routes are in the OpenAPI document", async () => {
    const doc = (await app.inject("/api/openapi.json")).json() as Json;
    for (const p of [
      "/fhir/metadata",
      "/fhir/Questionnaire/{id}",
      "/fhir/Questionnaire/$next-question",
      "/fhir/CodeSystem/{id}",
      "/fhir/$assess",
      "/api/interviews/{id}/fhir",
      "/cds-services/",
      "/cds-services/backcheck-triage",
    ]) {
      assert.ok(doc["paths"][p], `${p} in ${Object.keys(doc["paths"]).join(", ")}`);
    }
    assert.deepEqual(
      doc["paths"]["/api/diary/export"]["get"]["parameters"].find((x: Json) => x["name"] === "format")["schema"][
        "enum"
      ],
      ["json", "csv", "fhir"],
    );
  });
});
