import { dateLocale, deleteJson, getJson, h, postJson, renderNav, SAVED, show, store, t } from "../kernel";
import { errorText } from "../errors";
import type { Assessment, User } from "../types";
import type { Saved } from "../sync";
import { resultScreen } from "./result";

interface Past {
  id: string;
  created_at: string;
  case: Record<string, unknown>;
  result: Assessment;
}

function loginScreen(): void {
  const email = h("input", {
    type: "email",
    id: "email",
    autocomplete: "email",
    required: true,
    "aria-describedby": "account-error",
  }) as HTMLInputElement;
  const password = h("input", {
    type: "password",
    id: "password",
    autocomplete: "current-password",
    minlength: 8,
    required: true,
    "aria-describedby": "password-hint account-error",
  }) as HTMLInputElement;
  const errorBox = h("p", { class: "error", role: "alert", id: "account-error" });
  const submit = async (path: string): Promise<void> => {
    try {
      const r = await postJson<{ user: User }>(path, { email: email.value.trim(), password: password.value });
      store.user = r.user;
      renderNav();
      await accountRoute("#/account");
    } catch (e) {
      errorBox.textContent = errorText(e);
    }
  };
  show(
    h("h1", {}, t("web.account")),
    h("p", {}, t("web.account_note")),
    errorBox,
    h(
      "form",
      {
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          void submit("/api/auth/login");
        },
      },
      h("label", { for: "email", class: "field" }, t("web.email")),
      email,
      h("label", { for: "password", class: "field" }, t("web.password")),
      password,
      h("p", { class: "help", id: "password-hint" }, t("web.password_hint")),
      h("button", { class: "btn primary", type: "submit", id: "login" }, t("web.login")),
      h(
        "button",
        { class: "btn", type: "button", id: "register", onclick: () => void submit("/api/auth/register") },
        t("web.register"),
      ),
    ),
  );
}

const when = (iso: string): string =>
  new Date(iso).toLocaleString(dateLocale(), { dateStyle: "medium", timeStyle: "short" });

/** #/account (login, or the history) and #/account/result/<id> (one past result, with a way back). */
export async function accountRoute(hash: string): Promise<void> {
  if (!store.user) return loginScreen();
  // The account's results: those saved from a device ("Save to my account", sync.ts) and those of
  // interviews run through the API; one list, newest first.
  const [assessments, saved] = await Promise.all([
    getJson<Past[]>("/api/me/assessments"),
    getJson<{ results: Saved[] }>("/api/results").then(
      (r) => r.results,
      () => [] as Saved[],
    ),
  ]);
  const history: Past[] = [
    ...assessments,
    ...saved.map((x) => ({
      id: x.id,
      created_at: x.body.created_at ?? x.created_at,
      case: x.body.case,
      result: x.body.result,
    })),
  ].sort((a, b) => b.created_at.localeCompare(a.created_at));
  const open = /^#\/account\/result\/([\w-]+)$/.exec(hash)?.[1];
  const past = open ? history.find((x) => x.id === open) : undefined;
  if (past) {
    // The sources and the emergency numbers come with the knowledge.
    await (await import("./interview")).warm();
    return resultScreen(past.result, past.case, new Date(past.created_at), [
      h("p", { class: "no-print" }, h("a", { href: "#/account", id: "to-history" }, `← ${t("web.history")}`)),
    ]);
  }
  const user = store.user;
  show(
    h("h1", {}, t("web.history")),
    h("p", { class: "email-line" }, t("web.logged_in_as", { email: user.email })),
    history.length
      ? h(
          "ul",
          { class: "history plain" },
          history.map((x) =>
            h(
              "li",
              {},
              h(
                "a",
                { class: "btn", href: `#/account/result/${x.id}` },
                `${when(x.created_at)} · ${t(`triage.${x.result.triage}.label`)} · ${t(`condition.${x.result.conditions[0]?.id ?? ""}.name`)}`,
              ),
            ),
          ),
        )
      : h("p", {}, t("web.history_empty")),
    h("h2", {}, t("web.account")),
    h("a", { class: "btn small", href: "/api/me/export", download: "backcheck-export.json" }, t("web.export")),
    h(
      "div",
      { class: "row" },
      h(
        "button",
        {
          class: "btn small",
          id: "logout",
          onclick: async () => {
            await postJson("/api/auth/logout");
            store.user = undefined;
            renderNav();
            location.hash = "#/";
          },
        },
        t("web.logout"),
      ),
      h(
        "button",
        {
          class: "btn small",
          id: "delete",
          onclick: async () => {
            if (!confirm(t("web.delete_confirm"))) return;
            await deleteJson("/api/me");
            store.user = undefined;
            localStorage.removeItem(SAVED);
            renderNav();
            location.hash = "#/";
          },
        },
        t("web.delete_account"),
      ),
    ),
  );
}
