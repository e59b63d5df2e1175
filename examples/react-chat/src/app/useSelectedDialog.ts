import { useCallback, useEffect, useState } from "react";

const read = () => (location.hash.startsWith("#/d/") ? location.hash.slice(4) : null);

/** The open dialog, kept in the URL hash (`#/d/{id}`) so a reload reopens it. */
export function useSelectedDialog(): [string | null, (id: string | null) => void] {
  const [selected, setSelected] = useState<string | null>(read);
  useEffect(() => {
    const onHashChange = () => setSelected(read());
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  const select = useCallback((id: string | null) => {
    history.replaceState(null, "", id ? `#/d/${id}` : location.pathname + location.search);
    setSelected(id);
  }, []);
  return [selected, select];
}
