package dev.portcullis.mail;

/** A message as rendered at enqueue time: what is stored is exactly what is sent. */
record RenderedMail(String subject, String text, String html) {
}
