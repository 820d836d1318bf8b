package dev.portcullis.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The hosted sign-in page; its form arrives with the accounts module. */
@Controller
class LoginPageController {

    @GetMapping("/login")
    String login() {
        return "pages/login";
    }
}
