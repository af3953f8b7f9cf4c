/** The case contract's validator, compiled by ajv at build time (scripts/build-web.mjs). */
declare module "virtual:case-validator" {
  import type { ErrorObject } from "ajv/dist/2020.js";
  const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
  export default validate;
}
