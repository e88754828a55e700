<#import "viewgate-layout.ftl" as layout>
<@layout.page title=msg("viewgateViewAsTitle")>
    <@layout.notices errorTitle=msg("viewgateViewAsNotStarted")/>
    <p>${msg("viewgateViewAsIntro")}</p>
    <#if active>
    <p id="viewgate-view-as-active">${msg("viewgateViewAsActive")}</p>
    <#else>
        <#if tiers?size gt 0>
        <h2 class="viewgate-subtitle">${msg("viewgateViewAsTier")}</h2>
        <div class="viewgate-options" id="viewgate-tier-options">
            <#list tiers as tier>
            <form method="post" action="${selectUrl}" class="viewgate-inline">
                <input type="hidden" name="csrf" value="${csrf}">
                <input type="hidden" name="client_id" value="${clientId}">
                <input type="hidden" name="redirect_uri" value="${redirectUri}">
                <input type="hidden" name="tier" value="${tier.level?c}">
                <button type="submit" class="viewgate-button viewgate-button-secondary" id="viewgate-tier-${tier.level?c}">${tier.label}</button>
            </form>
            </#list>
        </div>
        <#else>
        <p id="viewgate-view-as-none">${msg("viewgateViewAsNone")}</p>
        </#if>
        <#if userOption>
        <h2 class="viewgate-subtitle">${msg("viewgateViewAsMember")}</h2>
        <form method="get" action="${selectUrl}" class="viewgate-search" role="search">
            <input type="hidden" name="client_id" value="${clientId}">
            <input type="hidden" name="redirect_uri" value="${redirectUri}">
            <label for="viewgate-member-search">${msg("viewgateSearchMembers")}</label>
            <input type="search" name="q" value="${search}" id="viewgate-member-search">
            <button type="submit" class="viewgate-button viewgate-button-secondary" id="viewgate-member-search-button">${msg("viewgateSearch")}</button>
        </form>
        <#if search?has_content && members?size == 0>
        <p class="viewgate-hint" id="viewgate-no-member">${msg("viewgateNoMemberFound")} ${msg("viewgateQuoteOpen")}${search}${msg("viewgateQuoteClose")}</p>
        </#if>
        <ul class="viewgate-members" id="viewgate-members">
            <#list members as member>
            <li>
                <form method="post" action="${selectUrl}" class="viewgate-inline">
                    <input type="hidden" name="csrf" value="${csrf}">
                    <input type="hidden" name="client_id" value="${clientId}">
                    <input type="hidden" name="redirect_uri" value="${redirectUri}">
                    <input type="hidden" name="user" value="${member.id}">
                    <button type="submit" class="viewgate-button viewgate-button-link" id="viewgate-member-${member.username}">${member.name} (${member.username}) · ${member.tier}</button>
                </form>
            </li>
            </#list>
        </ul>
        </#if>
    </#if>
</@layout.page>
