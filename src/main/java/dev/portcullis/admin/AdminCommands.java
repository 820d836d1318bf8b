package dev.portcullis.admin;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.portcullis.identity.AdminUser;
import dev.portcullis.identity.AdminUserPage;
import dev.portcullis.identity.UserAdministration;
import dev.portcullis.identity.UserStatus;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;
import dev.portcullis.shared.RequestOrigin;
import dev.portcullis.token.SigningKeys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The admin CLI's commands (picocli). Each one is a thin shell over {@link UserAdministration} or
 * {@link SigningKeys}; refusals (the last admin, an unknown role, a weak password) are the services'
 * own, printed as one line. The actor in the audit trail is {@code cli:<operating-system user>}.
 */
final class AdminCommands {

    private AdminCommands() {
    }

    /** Without services (null) the tree only parses and prints help. */
    static CommandLine commandLine(UserAdministration admin, SigningKeys keys, InputStream in, PrintWriter out,
            PrintWriter err) {
        Context context = new Context(admin, keys, in, out, err);
        CommandLine line = new CommandLine(new Root())
                .addSubcommand(new CreateAdmin(context))
                .addSubcommand("grant-role", new ChangeRole(context, true))
                .addSubcommand("revoke-role", new ChangeRole(context, false))
                .addSubcommand("block", new StatusCommand(context, "block"))
                .addSubcommand("unblock", new StatusCommand(context, "unblock"))
                .addSubcommand("unlock", new StatusCommand(context, "unlock"))
                .addSubcommand(new ListUsers(context))
                .addSubcommand(new RotateSigningKey(context));
        line.setOut(out).setErr(err);
        line.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof ProblemException refused) {
                err.println("Refused: " + refused.detail());
                for (FieldViolation v : refused.violations()) {
                    err.println("  " + v.field() + ": " + v.message());
                }
                return 1;
            }
            throw error;
        });
        return line;
    }

    record Context(UserAdministration admin, SigningKeys keys, InputStream in, PrintWriter out, PrintWriter err) {

        String actor() {
            return "cli:" + System.getProperty("user.name", "unknown");
        }

        AdminUser user(String email) {
            return admin.findByEmail(email).orElseThrow(() -> new ProblemException(
                    dev.portcullis.shared.ErrorCode.NOT_FOUND, "No account with the address " + email + "."));
        }
    }

    @Command(name = "admin", mixinStandardHelpOptions = true, description = "Administer Portcullis accounts.",
            subcommandsRepeatable = false)
    static final class Root {
    }

    @Command(name = "create-admin", mixinStandardHelpOptions = true,
            description = "Create a verified account with the admin role (it enrols MFA at its first sign-in).")
    static final class CreateAdmin implements Callable<Integer> {
        private final Context context;
        @Option(names = "--email", required = true, description = "The new admin's email address.")
        String email;
        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input "
                + "instead of prompting.")
        boolean passwordStdin;

        CreateAdmin(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            char[] password = passwordStdin ? AdminCommandLine.readLine(context.in()) : prompt();
            if (password == null) {
                context.err().println("No console to prompt for a password: use --password-stdin.");
                return 2;
            }
            try {
                AdminUser created = context.admin().createAdmin(email, password, context.actor(), RequestOrigin.system());
                context.out().println("Created admin " + created.email() + " (id " + created.id() + ").");
                return 0;
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private static char[] prompt() {
            Console console = System.console();
            if (console == null) {
                return null;
            }
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new ProblemException(dev.portcullis.shared.ErrorCode.VALIDATION_FAILED, "The passwords differ.");
            }
            return first;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = "Grant or revoke a role (the last active admin keeps theirs).")
    static final class ChangeRole implements Callable<Integer> {
        private final Context context;
        private final boolean grant;
        @Parameters(index = "0", description = "The account's email address.")
        String email;
        @Parameters(index = "1", description = "The role, e.g. admin.")
        String role;

        ChangeRole(Context context, boolean grant) {
            this.context = context;
            this.grant = grant;
        }

        @Override
        public Integer call() {
            AdminUser user = context.user(email);
            AdminUser changed = grant
                    ? context.admin().grantRole(context.actor(), user.id(), role, RequestOrigin.system())
                    : context.admin().revokeRole(context.actor(), user.id(), role, RequestOrigin.system());
            context.out().println(changed.email() + " roles: " + String.join(", ", changed.roles()));
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, description = "Block (ends all sessions), unblock, or unlock (clears a sign-in lock).")
    static final class StatusCommand implements Callable<Integer> {
        private final Context context;
        private final String action;
        @Parameters(index = "0", description = "The account's email address.")
        String email;

        StatusCommand(Context context, String action) {
            this.context = context;
            this.action = action;
        }

        @Override
        public Integer call() {
            AdminUser user = context.user(email);
            switch (action) {
                case "block" -> context.admin().block(context.actor(), user.id(), RequestOrigin.system());
                case "unblock" -> context.admin().unblock(context.actor(), user.id(), RequestOrigin.system());
                default -> context.admin().unlock(context.actor(), user.id(), RequestOrigin.system());
            }
            context.out().println(action + "ed " + user.email() + ".");
            return 0;
        }
    }

    @Command(name = "list-users", mixinStandardHelpOptions = true, description = "List accounts, newest first.")
    static final class ListUsers implements Callable<Integer> {
        private final Context context;
        @Option(names = { "-q", "--query" }, description = "Part of the email or display name.")
        String query;
        @Option(names = "--status", description = "active, blocked, deactivated or deleted.")
        String status;
        @Option(names = "--page", defaultValue = "0")
        int page;
        @Option(names = "--size", defaultValue = "50")
        int size;

        ListUsers(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (size < 1 || size > 1000 || page < 0) {
                context.err().println("--size must be 1..1000 and --page >= 0.");
                return 2;
            }
            UserStatus wanted = null;
            if (status != null) {
                wanted = Arrays.stream(UserStatus.values()).filter(s -> s.column().equals(status.toLowerCase(Locale.ROOT)))
                        .findFirst().orElse(null);
                if (wanted == null) {
                    context.err().println("--status must be one of active, blocked, deactivated, deleted.");
                    return 2;
                }
            }
            AdminUserPage found = context.admin().search(query, wanted, page, size);
            PrintWriter out = context.out();
            out.printf("%-24s %-36s %-8s %-8s %-4s %-16s%n", "ID", "EMAIL", "STATUS", "VERIFIED", "MFA", "ROLES");
            for (AdminUser user : found.items()) {
                out.printf("%-24s %-36s %-8s %-8s %-4s %-16s%n", user.id(), user.email(), user.status(),
                        user.emailVerified() ? "yes" : "no", user.mfaEnabled() ? "on" : "off",
                        String.join(",", user.roles()));
            }
            out.printf("%d of %d (page %d)%n", found.items().size(), found.total(), found.page());
            return 0;
        }
    }

    @Command(name = "rotate-signing-key", mixinStandardHelpOptions = true,
            description = "Start signing with a new key; the old one stays published until its tokens expire.")
    static final class RotateSigningKey implements Callable<Integer> {
        private final Context context;

        RotateSigningKey(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            context.out().println("Now signing with key " + context.keys().rotate() + ".");
            return 0;
        }
    }
}
