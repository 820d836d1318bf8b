package dev.portcullis.mail;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RouteAccess;

/**
 * MAIL-3: the dev mailbox, a read-only view of the outbox. Exists only in dev mode (in prod these
 * paths are 404s, and the startup check refuses the dev mailbox transport).
 */
@RouteAccess(RouteAccess.PUBLIC)
@Controller
@Conditional(DevModeCondition.class)
@RequestMapping("/dev/mailbox")
class DevMailboxController {

    /**
     * Mail HTML is foreign markup: served as its own document in a sandbox (unique origin, no
     * scripts, no forms), with no network access but inline styles and data: images.
     */
    static final String HTML_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    private static final int PAGE_SIZE = 50;

    private final MailOutboxRepository outbox;

    DevMailboxController(MailOutboxRepository outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("messages", outbox.latest(PAGE_SIZE));
        return "dev/mailbox";
    }

    @GetMapping("/{id}")
    String show(@PathVariable long id, Model model) {
        model.addAttribute("message", find(id));
        return "dev/mailbox-message";
    }

    @GetMapping("/{id}/html")
    ResponseEntity<String> html(@PathVariable long id) {
        // Our header is set first; the web module's CSP writer leaves an existing policy alone.
        return ResponseEntity.ok()
                .header("Content-Security-Policy", HTML_POLICY)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(find(id).bodyHtml());
    }

    private OutboxMessage find(long id) {
        return outbox.findById(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such message."));
    }
}
