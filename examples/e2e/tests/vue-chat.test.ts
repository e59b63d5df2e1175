// The Vue example in Chromium against the real server: the basic chat flow.
import { basicChatFlow } from "../src/basicChatFlow.js";

basicChatFlow("vue-chat", "vue");
