import { h, lang, t } from "./kernel";

/**
 * The call to action of an emergency result: a tel: link with the local emergency number. The person
 * chooses their country once (kept in this browser); the default is 112, which works across Europe and in
 * Russia. The numbers come from the knowledge (settings.emergency_numbers).
 */
const KEY = "backcheck.country";
let numbers: Record<string, string> | undefined;

/** The numbers come with the knowledge (settings.emergency_numbers), loaded with the engine. */
export const setEmergencyNumbers = (n: Record<string, string>): void => {
  numbers = n;
};

export const chosenCountry = (): string => localStorage.getItem(KEY) ?? "default";

export function numberFor(country: string, fallback: string): string {
  return numbers?.[country] ?? numbers?.["default"] ?? fallback;
}

function countryName(code: string): string {
  if (code === "default") return t("result.country_default");
  try {
    return new Intl.DisplayNames([lang()], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function callBlock(fallback: string): HTMLElement {
  const link = h("a", {
    class: "btn call-link",
    id: "call",
    href: `tel:${numberFor(chosenCountry(), fallback)}`,
  }) as HTMLAnchorElement;
  const label = (): void => {
    const n = numberFor(chosenCountry(), fallback);
    link.href = `tel:${n}`;
    link.textContent = t("result.call", { number: n });
  };
  label();
  const select = h("select", { id: "country", "aria-label": t("result.country") }) as HTMLSelectElement;
  const fill = (): void => {
    const codes = Object.keys(numbers ?? { default: fallback });
    select.replaceChildren(
      ...codes
        .sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : countryName(a).localeCompare(countryName(b))))
        .map((c) =>
          h("option", { value: c, selected: c === chosenCountry() }, `${countryName(c)} · ${numbers?.[c] ?? fallback}`),
        ),
    );
  };
  fill();
  select.addEventListener("change", () => {
    localStorage.setItem(KEY, select.value);
    label();
  });
  return h("div", { class: "call-block" }, link, h("label", { class: "country" }, `${t("result.country")} `, select));
}
