import { type Element, Parser } from "@xmpp/xml";
import { ChatError } from "../../errors/ChatError.js";
import { dropSocket, webSocketTransportIndex, type XmppEntity } from "./createXmppEntity.js";
import { parseFrame } from "./parseFrame.js";

const NS_FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

/**
 * Puts a guard on every byte the socket delivers. Over WebSocket each frame is parsed on its own (`parseFrame`), so
 * a truncated or broken frame cannot keep an element open and swallow the frames after it; a bad frame is reported
 * to `onBadInput` and made a parser error, on which @xmpp ends the stream (`bad-format`) and the socket closes — the
 * connection manager then reconnects. Data arriving after the parser is gone is dropped instead of failing inside
 * @xmpp, and anything thrown while handling data is reported the same way and drops the socket.
 */
export function guardFrames(entity: XmppEntity, onBadInput: (error: ChatError) => void): void {
  const index = webSocketTransportIndex(entity);
  if (index >= 0) {
    const Base = entity.transports[index];
    class Framed extends Base {}
    Framed.prototype.Parser = createFrameParserClass(onBadInput);
    entity.transports[index] = Framed;
  }
  const onData = entity._onData.bind(entity);
  entity._onData = (data) => {
    if (!entity.parser) return;
    try {
      onData(data);
    } catch (caught) {
      const error = new ChatError("protocol", "Could not handle data from the chat server", { cause: caught });
      onBadInput(error);
      entity.emit("error", error);
      dropSocket(entity, error);
    }
  };
}

/** An @xmpp parser class that reads each write as one whole frame. */
function createFrameParserClass(onBadInput: (error: ChatError) => void) {
  return class FrameParser extends Parser {
    write(data: unknown): void {
      const parsed = parseFrame(typeof data === "string" ? data : String(data));
      if (!parsed.ok) {
        onBadInput(parsed.error);
        this.emit("error", parsed.error);
        return;
      }
      const element: Element | null = parsed.value;
      if (!element) return;
      if (element.is("open", NS_FRAMING)) this.emit("start", element);
      else if (element.is("close", NS_FRAMING)) this.emit("end", element);
      else this.emit("element", element);
    }
  };
}
