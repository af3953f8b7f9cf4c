import { getJson } from "./api";
import { diaryScreen, type Diary } from "./diary-view";
import { guardTaps } from "./dom";
import { initialLang, setLang } from "./i18n";
import { renderNav, whenLanguageChanges } from "./nav";
import { planScreen } from "./plan-view";
import { accountRoute } from "./screens/account";
import { interviewRoute, loadInterview, send } from "./screens/interview";
import { startScreen } from "./screens/start";
import { PENDING, SAVED, store } from "./store";
import type { Source, User } from "./types";

/**
 * The page: a router over one file per screen. A screen is a function of the address (#/interview/3,
 * #/account/result/<id>); add one by adding a line to ROUTES. The current interview's id is kept in
 * localStorage, so a person who closes the page or loses the connection continues where they were.
 */
const ROUTES: { prefix: string; render: (hash: string) => void | Promise<void> }[] = [
  { prefix: "#/account", render: accountRoute },
  { prefix: "#/diary", render: () => diaryScreen(store.user !== undefined) },
  { prefix: "#/interview", render: interviewRoute },
  {
    prefix: "#/plan",
    render: () => planScreen(store.user !== undefined, store.interview?.step.done ? (Object.assign({}, ...store.interview.state.steps.map((s) => s.answers)) as Record<string, unknown>) : undefined),
  },
];

async function route(): Promise<void> {
  const hash = location.hash || "#/";
  const r = ROUTES.find((x) => hash === x.prefix || hash.startsWith(`${x.prefix}/`));
  return r ? r.render(hash) : startScreen();
}

async function boot(): Promise<void> {
  await setLang(initialLang());
  store.user = await getJson<User>("/api/me").catch(() => undefined);
  store.sources = await getJson<Source[]>("/api/sources").catch(() => []);
  if (store.user) store.checkinDue = (await getJson<Diary>("/api/diary").catch(() => undefined))?.follow_up?.checkin_due === true;
  const saved = localStorage.getItem(SAVED);
  if (saved) store.interview = await loadInterview(saved).catch(() => undefined);
  const pending = localStorage.getItem(PENDING);
  whenLanguageChanges(async () => {
    // A running interview is re-worded in the new language from where it is; nothing is lost.
    if (store.interview) store.interview = await loadInterview(store.interview.id);
    await route();
  });
  renderNav();
  guardTaps();
  window.addEventListener("hashchange", () => void route());
  if (pending) {
    // The page was closed or the connection dropped with an answer unsent: send it now.
    await send(JSON.parse(pending) as Parameters<typeof send>[0]);
    return;
  }
  await route();
}

void boot();
