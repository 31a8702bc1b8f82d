import type { SolidityHooks } from "hardhat/types/hooks";

import { writeGenerated } from "./abi-ts.js";

/** After every successful build: src/generated/ from the new artifacts (see ./abi-ts.ts). */
export default async (): Promise<Partial<SolidityHooks>> => ({
  async processArtifactsAfterSuccessfulBuild(context) {
    writeGenerated(context.config.paths.root);
  },
});
