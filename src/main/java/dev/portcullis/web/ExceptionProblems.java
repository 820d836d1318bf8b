package dev.portcullis.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.portcullis.shared.ErrorCode;
import dev.portcullis.shared.FieldViolation;
import dev.portcullis.shared.ProblemException;

/**
 * Maps any exception to the problem a client sees (ERR-1, ERR-2). Framework messages are never
 * passed through: they can echo input (a password) or internals. Whatever is not recognised
 * here is a 500 {@code internal_error} without details.
 */
final class ExceptionProblems {

    private ExceptionProblems() {
    }

    /** "list.size" (method.parameter) becomes "size". */
    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return parameterName(dot < 0 ? path : path.substring(dot + 1));
    }

    static ProblemException toProblem(Throwable error) {
        if (error instanceof ProblemException p) {
            return p;
        }
        if (causedBy(error, BodyTooLargeException.class) || error instanceof MaxUploadSizeExceededException) {
            return problem(ErrorCode.PAYLOAD_TOO_LARGE, 413, "The request body is too large.");
        }
        if (error instanceof BindException bind) {
            return ProblemException.validation(bind.getFieldErrors().stream().map(ExceptionProblems::violation).toList());
        }
        if (error instanceof HandlerMethodValidationException validation) {
            List<FieldViolation> violations = new ArrayList<>();
            validation.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
                    .forEach(e -> violations.add(violation(parameterName(result.getMethodParameter().getParameterName()), e))));
            return ProblemException.validation(violations);
        }
        if (error instanceof jakarta.validation.ConstraintViolationException constraints) {
            // @Validated beans (method validation by AOP) report this instead of HandlerMethodValidationException.
            return ProblemException.validation(constraints.getConstraintViolations().stream()
                    .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), "invalid", v.getMessage()))
                    .toList());
        }
        if (error instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (error instanceof MissingServletRequestParameterException missing) {
            return ProblemException.validation(List.of(new FieldViolation(missing.getParameterName(), "required",
                    "is required")));
        }
        if (error instanceof TypeMismatchException mismatch) {
            String name = mismatch.getPropertyName() == null ? "parameter" : mismatch.getPropertyName();
            return ProblemException.validation(List.of(new FieldViolation(name, "invalid_type", "has the wrong type")));
        }
        if (error instanceof ServletRequestBindingException) {
            return problem(ErrorCode.BAD_REQUEST, 400, "The request is missing a required part.");
        }
        if (error instanceof HttpRequestMethodNotSupportedException method) {
            String allow = method.getSupportedHttpMethods() == null ? ""
                    : method.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
            return new ProblemException(ErrorCode.METHOD_NOT_ALLOWED, 405,
                    "This method is not allowed on this resource.", List.of(),
                    allow.isEmpty() ? Map.of() : Map.of("Allow", allow));
        }
        if (error instanceof HttpMediaTypeNotSupportedException) {
            return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, "Send the request body as application/json.");
        }
        if (error instanceof HttpMediaTypeNotAcceptableException) {
            return problem(ErrorCode.NOT_ACCEPTABLE, 406, "No acceptable representation of this resource.");
        }
        if (error instanceof NoResourceFoundException || error instanceof NoHandlerFoundException) {
            return problem(ErrorCode.NOT_FOUND, 404, "No resource at this path.");
        }
        if (error instanceof MultipartException) {
            return problem(ErrorCode.BAD_REQUEST, 400, "The multipart request is malformed.");
        }
        if (error instanceof CsrfException) {
            return problem(ErrorCode.CSRF_FAILED, 403, "The CSRF token is missing or invalid.");
        }
        if (error instanceof AccessDeniedException) {
            return problem(ErrorCode.FORBIDDEN, 403, "You are not allowed to do this.");
        }
        if (error instanceof AuthenticationException) {
            return problem(ErrorCode.UNAUTHORIZED, 401, "Authentication is required.");
        }
        if (error instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            return forStatus(response.getStatusCode().value());
        }
        return problem(ErrorCode.INTERNAL_ERROR, 500, "Something went wrong on our side.");
    }

    /** The problem for a bare status, as the servlet container reports it on the error page. */
    static ProblemException forStatus(int status) {
        return switch (status) {
            case 400 -> problem(ErrorCode.BAD_REQUEST, 400, "The request could not be understood.");
            case 401 -> problem(ErrorCode.UNAUTHORIZED, 401, "Authentication is required.");
            case 403 -> problem(ErrorCode.FORBIDDEN, 403, "You are not allowed to do this.");
            case 404 -> problem(ErrorCode.NOT_FOUND, 404, "No resource at this path.");
            case 405 -> problem(ErrorCode.METHOD_NOT_ALLOWED, 405, "This method is not allowed on this resource.");
            case 406 -> problem(ErrorCode.NOT_ACCEPTABLE, 406, "No acceptable representation of this resource.");
            case 409 -> problem(ErrorCode.CONFLICT, 409, "The request conflicts with the current state.");
            case 413 -> problem(ErrorCode.PAYLOAD_TOO_LARGE, 413, "The request body is too large.");
            case 415 -> problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415, "Send the request body as application/json.");
            case 429 -> problem(ErrorCode.RATE_LIMITED, 429, "Too many requests.");
            case 503 -> problem(ErrorCode.SERVICE_UNAVAILABLE, 503, "The service is unavailable.");
            default -> status >= 400 && status < 500
                    ? problem(ErrorCode.BAD_REQUEST, status, "The request could not be processed.")
                    : problem(ErrorCode.INTERNAL_ERROR, 500, "Something went wrong on our side.");
        };
    }

    private static ProblemException unreadable(HttpMessageNotReadableException error) {
        Throwable cause = error.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ProblemException.validation(List.of(new FieldViolation(path(unknown), "unknown_field",
                    "is not a known field")));
        }
        if (cause instanceof StreamReadException || cause == null) {
            return problem(ErrorCode.VALIDATION_FAILED, 400, "The request body is missing or is not valid JSON.");
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return ProblemException.validation(List.of(new FieldViolation(path(jackson), "invalid_type",
                    "has the wrong type or shape")));
        }
        return problem(ErrorCode.VALIDATION_FAILED, 400, "The request body could not be read.");
    }

    private static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static FieldViolation violation(FieldError error) {
        return violation(snakeCase(error.getField()), error);
    }

    private static FieldViolation violation(String field, MessageSourceResolvable error) {
        String constraint = error.getCodes() == null || error.getCodes().length == 0 ? ""
                : error.getCodes()[error.getCodes().length - 1];
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> new FieldViolation(field, "required", "is required");
            case "Size", "Length" -> new FieldViolation(field, "invalid_length", "has an invalid length");
            case "Email" -> new FieldViolation(field, "invalid_email", "is not a valid email address");
            case "Pattern" -> new FieldViolation(field, "invalid_format", "has an invalid format");
            case "Min", "Max", "Positive", "PositiveOrZero", "DecimalMin", "DecimalMax", "Range" ->
                    new FieldViolation(field, "out_of_range", "is out of range");
            default -> new FieldViolation(field, "invalid", "is not valid");
        };
    }

    private static String parameterName(String name) {
        return name == null ? "parameter" : snakeCase(name);
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static ProblemException problem(ErrorCode code, int status, String detail) {
        return new ProblemException(code, status, detail, List.of(), Map.of());
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
