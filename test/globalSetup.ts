import { buildFixtures } from "../scripts/build-fixtures";

/** Every test file reads real .xlsx files written fresh from the readable specs. */
export default async function globalSetup(): Promise<void> {
  await buildFixtures();
}
