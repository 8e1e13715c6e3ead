package io.capgate.portal.manifests.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/**
 * Asks why a draft goes to review; reviewers read the reason in their queue.
 *
 * <p>Element ids: {@code submit-dialog}, {@code submit-reason}, {@code submit-confirm}, {@code submit-cancel}.
 */
class SubmitDialog extends Dialog {

  final TextArea reason = new TextArea("Why does the service need this?");
  final Button confirm = new Button("Submit for review");

  SubmitDialog(int version, Consumer<String> submit) {
    setHeaderTitle("Submit v" + version + " for review");
    setId("submit-dialog");
    setWidth("36em");
    reason.setId("submit-reason");
    reason.setWidthFull();
    reason.setMaxLength(4000);
    reason.setRequired(true);
    confirm.setId("submit-confirm");
    confirm.addThemeVariants(ButtonVariant.PRIMARY);
    confirm.addClickListener(e -> {
      if (reason.getValue().isBlank()) {
        reason.setInvalid(true);
        reason.setErrorMessage("Say why, for the reviewers");
        return;
      }
      close();
      submit.accept(reason.getValue().strip());
    });
    var cancel = new Button("Cancel", e -> close());
    cancel.setId("submit-cancel");
    add(reason);
    getFooter().add(cancel, confirm);
  }
}
