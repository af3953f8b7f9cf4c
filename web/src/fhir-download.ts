import { h, lang, postJson, t } from "./kernel";

/**
 * "Download for your doctor's system (FHIR)": the same answers, assessed by the server as a FHIR R4
 * document Bundle (the doctor's report with its resources), saved as a file the clinic's system can import.
 */
export function fhirDownloadButton(answers: Record<string, unknown>): HTMLElement {
  const download = async (): Promise<void> => {
    const bundle = await postJson<unknown>(`/fhir/$assess?type=document&lang=${encodeURIComponent(lang())}`, answers);
    const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: "application/fhir+json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "backcheck-fhir.json" }) as HTMLAnchorElement;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return h(
    "button",
    { class: "btn", id: "download-fhir", type: "button", onclick: () => void download() },
    t("web.download_fhir"),
  );
}
