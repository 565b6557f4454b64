// An e-mail address that may wrap after the @ and before a dot (ivan / .petrov@ / example / .com)
// rather than at any letter; CSS (.email) breaks a part that is still too long for the pane.
export function EmailAddress(props: { email: string }) {
  return <>{props.email.split(/(?<=@)|(?=\.)/u).flatMap((part, index) => (index ? [<wbr />, part] : [part]))}</>;
}
