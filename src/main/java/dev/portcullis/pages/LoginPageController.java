package dev.portcullis.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import dev.portcullis.shared.RouteAccess;

/** The hosted sign-in page; its form arrives with the accounts module. */
@RouteAccess(RouteAccess.PUBLIC)
@Controller
class LoginPageController {

    @GetMapping("/login")
    String login() {
        return "pages/login";
    }
}
