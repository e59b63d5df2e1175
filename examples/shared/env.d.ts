// The variables the example apps read (see chatConfig.ts); `pnpm demo` and the browser tests set them.
interface ImportMetaEnv {
  readonly VITE_CHATCUBE_APP_ID?: string;
  readonly VITE_CHATCUBE_AUTH_KEY?: string;
  readonly VITE_CHATCUBE_API_URL?: string;
  readonly VITE_CHATCUBE_CHAT_URL?: string;
  readonly VITE_CHATCUBE_CHAT_DOMAIN?: string;
  readonly VITE_CHATCUBE_PERSISTENCE?: string;
  readonly VITE_CHATCUBE_MAX_UPLOAD_MB?: string;
}
