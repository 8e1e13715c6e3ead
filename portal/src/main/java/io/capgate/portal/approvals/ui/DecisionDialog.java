package io.capgate.portal.approvals.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.function.Consumer;

/**
 * Asks for the comment that goes with an approval, a rejection or a plain comment.
 *
 * <p>Element ids: {@code decision-dialog}, {@code decision-comment}, {@code decision-confirm},
 * {@code decision-cancel}.
 */
class DecisionDialog extends Dialog {

  final TextArea comment = new TextArea("Comment");
  final Button confirm;

  /**
   * @param commentRequired whether an empty comment is refused here (a plain comment, a rejection)
   */
  DecisionDialog(String title, String confirmLabel, boolean commentRequired, Consumer<String> action) {
    setHeaderTitle(title);
    setId("decision-dialog");
    setWidth("36em");
    comment.setId("decision-comment");
    comment.setWidthFull();
    comment.setMaxLength(4000);
    comment.setRequired(commentRequired);
    confirm = new Button(confirmLabel, e -> {
      if (commentRequired && comment.getValue().isBlank()) {
        comment.setInvalid(true);
        comment.setErrorMessage("Write what the author should know");
        return;
      }
      close();
      action.accept(comment.getValue().strip());
    });
    confirm.setId("decision-confirm");
    confirm.addThemeVariants(ButtonVariant.PRIMARY);
    var cancel = new Button("Cancel", e -> close());
    cancel.setId("decision-cancel");
    add(comment);
    getFooter().add(cancel, confirm);
  }
}
