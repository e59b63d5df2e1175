// Shared by the example apps: the reactions offered by the picker (one per user per message, as the server keeps).
export const REACTION_CHOICES: readonly string[] = ["👍", "❤️", "😂", "🎉", "😮"];
