/**
 * The fixed vocabularies of contract/result.schema.json. vocabulary.test.ts fails if they drift apart.
 */
export const CONDITIONS = [
  "doms",
  "muscle_strain",
  "postural_overload",
  "disc_herniation",
  "cauda_equina_syndrome",
  "vertebral_fracture",
  "spondylolysis",
  "spondylolisthesis",
  "scoliosis",
  "degenerative_disc",
  "facet_arthropathy",
  "spinal_stenosis",
  "inflammatory_spondyloarthritis",
  "post_viral_myositis",
  "spinal_infection",
  "spinal_malignancy",
  "hematologic_disease",
  "kidney_stone",
  "kidney_infection",
  "nephroptosis",
  "aortic_aneurysm",
  "cardiac_ischemia",
  "pancreatitis",
  "pregnancy_back_pain",
  "pregnancy_complication",
  "endometriosis",
  "shingles",
  "coccydynia",
  "fibromyalgia",
  "rhabdomyolysis",
  "pelvic_girdle_pain"
] as const;
export type ConditionId = (typeof CONDITIONS)[number];

export const SPECIALISTS: readonly string[] = [
  "emergency_services",
  "gp",
  "pediatrician",
  "neurologist",
  "orthopedist",
  "pediatric_orthopedist",
  "traumatologist",
  "spine_specialist",
  "sports_medicine",
  "physiotherapist",
  "rheumatologist",
  "urologist",
  "gynecologist",
  "oncologist",
  "hematologist",
  "cardiologist",
  "gastroenterologist",
  "dermatologist"
];
