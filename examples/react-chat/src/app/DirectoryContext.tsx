import { useReadable } from "@chatcube/react";
import { createContext, useContext } from "react";
import type { DirectoryUser, UserDirectory } from "../chat/createUserDirectory";

/** The user directory of the example (names of the people in the chats). */
export const DirectoryContext = createContext<UserDirectory | null>(null);

/** The directory itself, for `loadAll()`. */
export function useDirectory(): UserDirectory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error("useDirectory outside <DirectoryContext.Provider>");
  return directory;
}

/** Every known user, by id. */
export function useUsers(): Readonly<Record<number, DirectoryUser>> {
  return useReadable(useDirectory().users);
}
