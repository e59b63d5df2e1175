// The react example in Chromium against the real server: every feature of the README's feature × app table.
import { featureSuite } from "../src/featureSuite.js";

featureSuite("react-chat", "react");
