import { h } from "./dom";
import { lang, LANGS, setLang, t } from "./i18n";
import { store } from "./store";

/** Called after the language changes, so the current screen is drawn again in it (set by main). */
let onLanguage: (code: string) => Promise<void> = async () => undefined;
export const whenLanguageChanges = (f: (code: string) => Promise<void>): void => {
  onLanguage = f;
};

/**
 * The header: diary and plan (with an account), the results kept on this device, the account, the
 * language. Every control is at least 44 × 44 px (see styles.css).
 */
export function renderNav(): void {
  const select = h(
    "select",
    { "aria-label": t("web.language"), id: "lang" },
    LANGS.map((l) => h("option", { value: l.code, selected: l.code === lang() }, l.name)),
  ) as HTMLSelectElement;
  select.addEventListener("change", () => {
    setLang(select.value);
    renderNav();
    void onLanguage(select.value);
  });
  const results = h("a", { href: "#/results", id: "nav-results" }, t("web.nav_results"));
  const account = h("a", { href: "#/account", id: "nav-account" }, store.user ? t("web.account") : t("web.login"));
  // The diary is there without an account too: its entries are kept on this device until saved to one.
  const diary = h("a", { href: "#/diary", id: "nav-diary" }, t("web.nav_diary"));
  const plan = store.user ? h("a", { href: "#/plan", id: "nav-plan" }, t("plan.title")) : null;
  document.getElementById("nav")!.replaceChildren(diary, ...(plan ? [plan] : []), results, account, select);
  document.getElementById("skip")!.textContent = t("web.skip_link");
  document.getElementById("foot")!.replaceChildren(h("p", {}, t("disclaimer")));
}
