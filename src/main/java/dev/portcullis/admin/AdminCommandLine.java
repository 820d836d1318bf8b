package dev.portcullis.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.portcullis.identity.UserAdministration;
import dev.portcullis.token.SigningKeys;
import picocli.CommandLine;

/**
 * ADM-2: {@code java -jar portcullis.jar admin <command>} for operators without the UI. It starts
 * Portcullis without its web server, on the same configuration (environment variables, mode checks,
 * migrations), and runs one command through the same services as the admin API — the invariants of
 * ADM-3 and the audit trail included — then exits. Exit codes: 0 done, 1 refused, 2 bad usage.
 */
public final class AdminCommandLine {

    private AdminCommandLine() {
    }

    /** The entry point {@code PortcullisApplication.main} hands {@code admin ...} to. */
    public static int run(String[] args, Class<?> application) {
        return run(args, Map.of(), System.in, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), application);
    }

    /**
     * @param properties extra Spring properties (tests point them at their database)
     * @param application the Spring Boot application class to start
     */
    public static int run(String[] args, Map<String, Object> properties, InputStream in, PrintWriter out,
            PrintWriter err, Class<?> application) {
        CommandLine usage = AdminCommands.commandLine(null, null, in, out, err);
        CommandLine.ParseResult parsed;
        try {
            parsed = usage.parseArgs(args);
        } catch (CommandLine.ParameterException bad) {
            err.println(bad.getMessage());
            bad.getCommandLine().usage(err);
            return 2;
        }
        if (CommandLine.printHelpIfRequested(parsed) || !parsed.hasSubcommand()) {
            if (!parsed.hasSubcommand() && !parsed.isUsageHelpRequested()) {
                usage.usage(err);
                return 2;
            }
            return 0;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.main.banner-mode", "off");
        defaults.put("spring.main.log-startup-info", "false");
        defaults.put("logging.level.root", "ERROR");
        // One command, then exit: no background jobs (they run in the server).
        defaults.put("db-scheduler.enabled", "false");
        defaults.putAll(properties);
        // As command-line arguments, so they outrank application.properties (quiet logs above all).
        String[] settings = defaults.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).logStartupInfo(false).run(settings)) {
            CommandLine commands = AdminCommands.commandLine(context.getBean(UserAdministration.class),
                    context.getBean(SigningKeys.class), in, out, err);
            return commands.execute(args);
        } catch (RuntimeException startup) {
            err.println("Portcullis could not start: " + rootMessage(startup));
            if (rootMessage(startup).contains("already in use")) {
                err.println("The dev database is a file that one process opens at a time: stop the server first.");
            }
            return 1;
        }
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The first line of {@code in} (for {@code --password-stdin}). */
    static char[] readLine(InputStream in) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the password from standard input", e);
        }
    }
}
