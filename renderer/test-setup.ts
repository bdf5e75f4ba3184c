// Fluent UI's motion code calls Element.animate, which happy-dom lacks; without it an AbortError fails the run.
(Element.prototype as unknown as { animate: unknown }).animate = undefined;
