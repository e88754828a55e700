<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateRequestTitle")>
    <#if notice??>
    <p class="viewgate-notice" id="viewgate-notice" role="status">${msg("viewgateNotice_" + notice)}</p>
    </#if>
    <#if errorKey??>
    <p class="viewgate-error" id="viewgate-error" role="alert">${msg(errorKey)}</p>
    </#if>

    <#if pending??>
    <section class="viewgate-state" id="viewgate-pending">
        <h2 class="pf-v5-c-title pf-m-lg">${msg("viewgateRequestPending")}</h2>
        <dl class="viewgate-facts">
            <dt>${msg("viewgateDesiredTier")}</dt>
            <dd id="viewgate-pending-tier"><#if pending.desiredTier?has_content>${pending.desiredTier}<#else>${msg("viewgateNoPreference")}</#if></dd>
            <dt>${msg("viewgateMessage")}</dt>
            <dd id="viewgate-pending-message" class="viewgate-pre">${pending.message}</dd>
        </dl>
        <form method="post" action="${formUrl}" class="viewgate-inline">
            <input type="hidden" name="csrf" value="${csrf}">
            <input type="hidden" name="action" value="withdraw">
            <button type="submit" id="viewgate-withdraw" class="pf-v5-c-button pf-m-secondary viewgate-button">${msg("viewgateWithdraw")}</button>
        </form>
        <h3 class="pf-v5-c-title pf-m-md">${msg("viewgateEditRequest")}</h3>
    </section>
    <#elseif outcome??>
    <section class="viewgate-state" id="viewgate-outcome">
        <#if outcome.status == "GRANTED">
        <p id="viewgate-outcome-text">${msg("viewgateOutcomeGranted", outcome.grantedTier)}</p>
        <#else>
        <p id="viewgate-outcome-text">${msg("viewgateOutcomeDeclined")}</p>
        </#if>
        <#if outcome.reason?has_content>
        <p id="viewgate-outcome-reason" class="viewgate-pre">${outcome.reason}</p>
        </#if>
        <h2 class="pf-v5-c-title pf-m-lg">${msg("viewgateAskAgain")}</h2>
    </section>
    </#if>

    <form method="post" action="${formUrl}" id="viewgate-request-form" class="viewgate-form">
        <input type="hidden" name="csrf" value="${csrf}">
        <input type="hidden" name="action" value="submit">
        <label for="viewgate-desired-role">${msg("viewgateDesiredTier")}</label>
        <select id="viewgate-desired-role" name="desiredRole" class="pf-v5-c-form-control">
            <option value="">${msg("viewgateNoPreference")}</option>
            <#list requestable as option>
            <option value="${option.role}"<#if option.role == selectedRole> selected</#if>>${option.label}</option>
            </#list>
        </select>
        <label for="viewgate-message-input">${msg("viewgateWhy")}</label>
        <textarea id="viewgate-message-input" name="message" rows="6" maxlength="${messageLimit?c}" class="pf-v5-c-form-control">${typedMessage}</textarea>
        <p class="viewgate-hint" id="viewgate-message-limit">${msg("viewgateMessageLimit", messageLimit?c)}</p>
        <button type="submit" id="viewgate-submit" class="pf-v5-c-button pf-m-primary viewgate-button"><#if pending??>${msg("viewgateUpdateRequest")}<#else>${msg("viewgateSendRequest")}</#if></button>
    </form>
</@layout.page>
