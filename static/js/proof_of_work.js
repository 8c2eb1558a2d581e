/* The intake's proof of work (initiatives/pow.py): find the number whose SHA-256 with the salt is
   the challenge, then fill the hidden field and enable the submit button. Our own script, served
   from our own origin (no CDN, no inline script: the CSP allows neither). */
(function () {
  "use strict";
  function hex(buffer) {
    return Array.from(new Uint8Array(buffer)).map(function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  async function solve(challenge) {
    var encoder = new TextEncoder();
    for (var number = 0; number <= challenge.maxnumber; number++) {
      var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + number));
      if (hex(digest) === challenge.challenge) { return number; }
    }
    return null;
  }
  document.querySelectorAll("[data-pow-challenge]").forEach(function (holder) {
    var form = holder.closest("form");
    var field = form.querySelector("input[name='proof_of_work']");
    var status = holder.querySelector("[data-pow-status]");
    var challenge = JSON.parse(holder.getAttribute("data-pow-challenge"));
    solve(challenge).then(function (number) {
      if (number === null) { return; }
      field.value = btoa(JSON.stringify({
        algorithm: challenge.algorithm, challenge: challenge.challenge, number: number,
        salt: challenge.salt, signature: challenge.signature
      }));
      if (status) { status.textContent = status.getAttribute("data-done"); }
      form.setAttribute("data-pow-ready", "true");
    });
  });
})();
